package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.Partition;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted DETACH ... CONCURRENTLY leaves the partition "detach pending" (PostgreSQL 14+):
 * the reader shows it, FINALIZE completes it.
 */
class FinalizeDetachTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void anInterruptedConcurrentDetachIsShownAndFinalized() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), "CREATE TABLE m (at int NOT NULL) PARTITION BY RANGE (at)",
                "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10)",
                "CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM (10) TO (20)");
        try (Target target = pg.openTarget(profile); Connection reader = pg.connect(profile.database());
             Statement st = reader.createStatement()) {
            ActionRunner runner = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                    new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(60)));
            reader.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM m").close(); // an older snapshot the detach must wait out

            DetachPartitionAction detach = DetachPartitionAction.of(new Relation("public", "m"),
                    new Relation("public", "m_1"), target.version(), false);
            assertThat(detach.concurrently()).isTrue();
            ActionRunner.Running running = runner.start(detach, p -> {});
            await("the concurrent detach waits for the older transaction").atMost(WAIT).until(() -> waiting(pg, profile),
                    Boolean::booleanValue);
            running.cancel();
            ActionResult cancelled = running.result().get(30, TimeUnit.SECONDS);
            assertThat(cancelled.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
            reader.commit();

            Partition pending = partitions(target).stream().filter(p -> p.name().equals("m_1")).findFirst().orElseThrow();
            assertThat(pending.detachPending()).isTrue();
            PartitionSet set = new PartitionReader(target).sets().get(0);
            assertThat(set.detachPending()).extracting(Partition::name).containsExactly("m_1");

            ActionResult finalized = runner.run(new FinalizeDetachAction(new Relation("public", "m"),
                    new Relation("public", "m_1")), p -> {});
            assertThat(finalized.succeeded()).as(finalized.message()).isTrue();
            assertThat(partitions(target)).extracting(Partition::name).containsExactly("m_2");
        }
    }

    private static java.util.List<Partition> partitions(Target target) {
        return new PartitionReader(target).sets().get(0).partitions();
    }

    private static boolean waiting(TestPostgres pg, ConnectionProfile profile) throws Exception {
        try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + Target.ACTION_APPLICATION_NAME + "' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
