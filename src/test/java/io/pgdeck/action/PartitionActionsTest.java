package io.pgdeck.action;

import static io.pgdeck.catalog.PartitionFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.catalog.PartitionPlanner;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Partition actions run through the ActionRunner on the planted sets, on 13 and 17. */
class PartitionActionsTest {

    static final ActionSettings SETTINGS = new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @TempDir
    Path tmp;
    private Target target;
    private TestPostgres server;
    private ConnectionProfile profile;

    @AfterEach
    void close() {
        if (target != null) {
            target.close();
        }
    }

    private Target plant(TestPostgres pg) {
        server = pg;
        profile = pg.freshDatabase();
        pg.execute(profile.database(), PartitionFixtures.schema());
        target = pg.openTarget(profile);
        return target;
    }

    private ActionResult run(Action action) {
        return new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false, SETTINGS).run(action, p -> {});
    }

    private PartitionSet set(String name) {
        return new PartitionReader(target).sets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aMonthlySetWithAGapAndNoFutureGetsExactlyTheMissingOnes(TestPostgres pg) {
        plant(pg);
        pg.execute(profile.database(), "DELETE FROM events_default"); // this test is about the planning, not the refusal
        PartitionSet events = set("events");
        List<NewPartition> missing = new java.util.ArrayList<>(PartitionPlanner.gaps(events, now()));
        missing.addAll(PartitionPlanner.next(events, 2, now()));
        assertThat(missing).extracting(NewPartition::name)
                .containsExactly("events_" + suffix(-1), "events_" + suffix(1), "events_" + suffix(2));

        CreatePartitionsAction action = new CreatePartitionsAction(new Relation("public", "events"), missing, true);
        assertThat(action.plan().lock()).contains("ACCESS EXCLUSIVE lock on the parent");
        assertThat(action.plan().statements().get(0)).isEqualTo("CREATE TABLE \"public\".\"events_" + suffix(-1)
                + "\" PARTITION OF \"public\".\"events\" FOR VALUES FROM ('" + PartitionFixtures.start(-1) + "') TO ('"
                + PartitionFixtures.start(0) + "')");
        assertThat(run(action).succeeded()).isTrue();

        PartitionSet after = set("events");
        var coverage = after.coverage(now()).orElseThrow();
        assertThat(coverage.gaps()).isEmpty();
        assertThat(coverage.shortAhead()).isFalse();
        assertThat(coverage.intervalsAhead()).isEqualTo(2);
        assertThat(PartitionPlanner.gaps(after, now())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void defaultRowsBlockCreationUntilMoved(TestPostgres pg) throws Exception {
        plant(pg);
        PartitionSet events = set("events");
        List<NewPartition> gap = PartitionPlanner.gaps(events, now());
        ActionResult refused = run(new CreatePartitionsAction(new Relation("public", "events"), gap, true));
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.message()).containsIgnoringCase("default partition");

        MoveDefaultRowsAction move = new MoveDefaultRowsAction(new Relation("public", "events"),
                new Relation("public", "events_default"), "created_at", gap, 12);
        assertThat(move.plan().commit()).isEqualTo(ActionPlan.Commit.ONE_TRANSACTION);
        ActionResult moved = run(move);
        assertThat(moved.succeeded()).as(moved.message()).isTrue();

        PartitionSet after = set("events");
        assertThat(after.defaultPartition().orElseThrow().defaultRows()).isZero();
        assertThat(after.coverage(now()).orElseThrow().gaps()).isEmpty();
        assertThat(count("SELECT count(*) FROM events_" + suffix(-1))).isEqualTo(12);
        assertThat(count("SELECT count(*) FROM events")).isEqualTo(112);
        // indexes of the parent were attached to the new partition (the primary key among them)
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE tablename = 'events_" + suffix(-1) + "'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void detachConcurrentlyFrom14AndPlainOn13(TestPostgres pg) {
        plant(pg);
        DetachPartitionAction noDefault = DetachPartitionAction.of(new Relation("public", "sessions"),
                new Relation("public", "sessions_p3"), target.version(), false);
        assertThat(noDefault.concurrently()).isEqualTo(target.version().atLeast(14));
        assertThat(noDefault.plan().needsSession()).isEqualTo(noDefault.concurrently());
        assertThat(noDefault.plan().statements().get(0)).endsWith(target.version().atLeast(14) ? "CONCURRENTLY" : "\"sessions_p3\"");
        assertThat(noDefault.plan().lock()).contains(target.version().atLeast(14) ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE");
        assertThat(run(noDefault).succeeded()).isTrue();
        assertThat(set("sessions").partitions()).extracting(Partition::name).doesNotContain("sessions_p3");
        assertThat(count("SELECT count(*) FROM sessions_p3")).isZero(); // still a table

        DetachPartitionAction withDefault = DetachPartitionAction.of(new Relation("public", "customers"),
                new Relation("public", "customers_us"), target.version(), true);
        assertThat(withDefault.concurrently()).isFalse();
        assertThat(run(withDefault).succeeded()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retentionNeverRemovesTheLastPartition(TestPostgres pg) {
        plant(pg);
        List<Relation> all = set("sessions").partitions().stream().map(p -> new Relation(p.schema(), p.name())).toList();
        assertThatThrownBy(() -> new RetentionAction(new Relation("public", "sessions"), all, all.size(), true, target.version(), true))
                .hasMessageContaining("never removes the last partition");

        PartitionSet events = set("events");
        List<Relation> old = events.timePartitions().subList(0, 2).stream().map(p -> new Relation(p.schema(), p.name())).toList();
        RetentionAction retention = new RetentionAction(new Relation("public", "events"), old, 3, true, target.version(), true);
        assertThat(retention.plan().statements()).hasSize(4);
        assertThat(run(retention).succeeded()).isTrue();
        assertThat(set("events").timePartitions()).extracting(Partition::name).containsExactly("events_" + suffix(0));
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename = 'events_" + suffix(-3) + "'")).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void attachAnExistingTable(TestPostgres pg) {
        plant(pg);
        pg.execute(profile.database(), "CREATE TABLE orders_2027 (placed date NOT NULL, region text NOT NULL)");
        assertThat(new PartitionReader(target).attachable("public")).contains("orders_2027");
        AttachPartitionAction attach = new AttachPartitionAction(new Relation("public", "orders"),
                new Relation("public", "orders_2027"), "2027-01-01", "2028-01-01");
        assertThat(attach.plan().lock()).contains("SHARE UPDATE EXCLUSIVE lock on the parent");
        assertThat(run(attach).succeeded()).isTrue();
        assertThat(set("orders").partitions()).extracting(Partition::name).contains("orders_2027");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void hostileIdentifiers(TestPostgres pg) {
        plant(pg);
        PartitionSet odd = set(PartitionFixtures.HOSTILE_TABLE);
        Relation parent = new Relation(odd.schema(), odd.name());
        List<NewPartition> next = PartitionPlanner.next(odd, 2, now());
        assertThat(run(new CreatePartitionsAction(parent, next, false)).succeeded()).isTrue();
        assertThat(set(PartitionFixtures.HOSTILE_TABLE).partitions()).extracting(Partition::name)
                .contains(PartitionFixtures.hostilePartition(1), PartitionFixtures.hostilePartition(2));
        ActionResult detached = run(DetachPartitionAction.of(parent,
                new Relation(odd.schema(), PartitionFixtures.hostilePartition(-1)), target.version(), false));
        assertThat(detached.succeeded()).as(detached.message()).isTrue();
        assertThat(set(PartitionFixtures.HOSTILE_TABLE).partitions()).hasSize(3);
    }

    private long count(String sql) {
        try (Connection c = server.connect(profile.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
