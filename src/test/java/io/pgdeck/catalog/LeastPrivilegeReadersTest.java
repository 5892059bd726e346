package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.Target;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.queue.QueueReading;
import io.pgdeck.testing.LeastPrivilege;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader as the roles a DBA gives pgdeck in production, against tables owned by the
 * application's role: the owner, a role with only pg_monitor, a plain login role. Nothing fails,
 * nothing is made up: what a role may not read is counted from the statistics or said hidden.
 */
class LeastPrivilegeReadersTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<TestPostgres, LeastPrivilege> FIXTURES = new EnumMap<>(TestPostgres.class);
    private static final List<Target> TARGETS = new ArrayList<>();

    @AfterAll
    static void closeAll() {
        TARGETS.forEach(Target::close);
    }

    private static synchronized LeastPrivilege fixture(TestPostgres pg) {
        return FIXTURES.computeIfAbsent(pg, p -> {
            LeastPrivilege f = LeastPrivilege.plant(p);
            f.runOwnerStatements();
            return f;
        });
    }

    private static Target as(LeastPrivilege f, String role) {
        Target t = f.pg().openTarget(f.profile(role));
        TARGETS.add(t);
        return t;
    }

    private static Partition eventsDefault(Target t) {
        PartitionSet events = new PartitionReader(t).sets().stream()
                .filter(s -> s.qualifiedName().equals("app.events")).findFirst().orElseThrow();
        return events.defaultPartition().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void defaultPartitionRowsAreCountedByTheOwnerAndEstimatedForTheOthers(TestPostgres pg) {
        LeastPrivilege f = fixture(pg);
        Partition owned = eventsDefault(as(f, f.owner()));
        assertThat(owned.readable()).isTrue();
        assertThat(owned.defaultRows()).isEqualTo(LeastPrivilege.DEFAULT_ROWS);
        assertThat(owned.defaultRowsNote()).isEmpty();

        for (String role : List.of(f.monitor(), f.plain())) {
            Partition seen = eventsDefault(as(f, role));
            assertThat(seen.readable()).as(role).isFalse();
            assertThat(seen.defaultRows()).as(role).isEqualTo(LeastPrivilege.DEFAULT_ROWS);
            assertThat(seen.defaultHoldsRows()).as(role).isTrue();
            assertThat(seen.defaultRowsNote()).as(role)
                    .contains("≈ from statistics: counting needs SELECT on app.events_default");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bloatTheRoleCannotEstimateIsSaidHiddenNeverZero(TestPostgres pg) {
        LeastPrivilege f = fixture(pg);
        RelationName bloated = new RelationName("app", "bloated");
        BloatReport owners = new BloatReader(as(f, f.owner())).estimates();
        TableBloat owned = owners.tables().stream().filter(t -> t.table().equals(bloated)).findFirst().orElseThrow();
        // fresh, or stale when the fixture's own writes reached the statistics after its ANALYZE
        assertThat(owned.statistics()).isIn(StatisticsState.FRESH, StatisticsState.STALE);
        assertThat(owned.wastedBytes()).isPositive();
        assertThat(owned.hiddenNote()).isEmpty();

        BloatReport monitors = new BloatReader(as(f, f.monitor())).estimates();
        TableBloat seen = monitors.tables().stream().filter(t -> t.table().equals(bloated)).findFirst().orElseThrow();
        assertThat(seen.statistics()).isEqualTo(StatisticsState.HIDDEN);
        assertThat(seen.hiddenNote()).contains("hidden by privileges: its column statistics need SELECT on app.bloated");
        assertThat(seen.sizeBytes()).isEqualTo(owned.sizeBytes());
        assertThat(seen.wastedBytes()).isZero(); // no figure made of widths it could not see
        assertThat(monitors.wastedBytes()).isZero();
        assertThat(monitors.hiddenByPrivileges()).isGreaterThanOrEqualTo(2);
        IndexBloat index = monitors.indexes().stream().filter(i -> i.index().name().equals("bloated_payload"))
                .findFirst().orElseThrow();
        assertThat(index.statistics()).isEqualTo(StatisticsState.HIDDEN);
        assertThat(index.hiddenNote()).get().asString().contains("SELECT on app.bloated");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void statementsOfOtherRolesAreCountedNotMerged(TestPostgres pg) {
        LeastPrivilege f = fixture(pg);
        StatementsReader plain = new StatementsReader(as(f, f.plain()));
        StatementsRead first = plain.top();
        StatementsRead read = plain.top(); // its own first read is now an entry of its own
        assertThat(read.statements()).isNotEmpty();
        assertThat(read.statements()).allSatisfy(s -> {
            assertThat(s.user()).isEqualTo(f.plain());
            assertThat(s.key().queryId()).isNotZero();
        });
        assertThat(read.hiddenStatements()).isGreaterThanOrEqualTo(LeastPrivilege.OWNER_STATEMENTS);
        assertThat(read.hiddenNote()).get().asString().startsWith(read.hiddenStatements() + " statements of other roles hidden:")
                .contains("GRANT pg_read_all_stats");
        assertThat(first.hiddenStatements()).isPositive();

        StatementsRead monitor = new StatementsReader(as(f, f.monitor())).top();
        assertThat(monitor.hiddenStatements()).isZero();
        assertThat(monitor.statements()).anySatisfy(s -> {
            assertThat(s.user()).isEqualTo(f.owner());
            assertThat(s.query()).contains("app.events");
        });
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void connectionsAreCountedForEveryRoleDetailsOnlyWhereVisible(TestPostgres pg) throws Exception {
        LeastPrivilege f = fixture(pg);
        Target superuser = as(f, "postgres");
        Target plain = as(f, f.plain());
        Target monitor = as(f, f.monitor());
        try (Connection a = f.connect(f.owner()); Connection b = f.connect(f.owner()); Connection c = f.connect(f.owner())) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                ConnectionBreakdown truth = ConnectionBreakdown.of(new ActivityReader(superuser).backends());
                ConnectionBreakdown plainSees = ConnectionBreakdown.of(new ActivityReader(plain).backends());
                ConnectionBreakdown monitorSees = ConnectionBreakdown.of(new ActivityReader(monitor).backends());
                assertThat(plainSees.total()).isEqualTo(truth.total()).isGreaterThanOrEqualTo(3);
                assertThat(monitorSees.total()).isEqualTo(truth.total());
                assertThat(plainSees.byUser().get(f.owner())).isEqualTo(3);
                assertThat(plainSees.detailsHidden()).isGreaterThanOrEqualTo(3);
                assertThat(plainSees.state("hidden")).isEqualTo(plainSees.detailsHidden());
                assertThat(plainSees.hiddenNote()).get().asString().startsWith("Covers only what this role sees: ");
                assertThat(monitorSees.detailsHidden()).isZero();
                assertThat(monitorSees.hiddenNote()).isEmpty();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aQueueTheRoleCannotReadIsFoundAndSaidHidden(TestPostgres pg) {
        LeastPrivilege f = fixture(pg);
        QueueReading owners = new QueueMonitor(as(f, f.owner()), List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5)).read();
        assertThat(owners.problems()).isEmpty();
        assertThat(owners.queues()).isNotEmpty();
        for (String role : List.of(f.monitor(), f.plain())) {
            QueueReading seen = new QueueMonitor(as(f, role), List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5)).read();
            assertThat(seen.installations()).as(role).anySatisfy(i -> assertThat(i).contains("streamvibe"));
            assertThat(seen.problems()).as(role).singleElement().asString()
                    .endsWith("(streamvibe): hidden: needs SELECT on streamvibe.job_queue");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void catalogReadersServeEveryRole(TestPostgres pg) {
        LeastPrivilege f = fixture(pg);
        for (String role : List.of(f.owner(), f.monitor(), f.plain())) {
            Target t = as(f, role);
            assertThat(new MatviewReader(t).matviews()).as(role).singleElement().satisfies(m -> {
                assertThat(m.name()).isEqualTo("event_kinds");
                assertThat(m.estimatedRows()).isEqualTo(2);
            });
            IndexReader indexes = new IndexReader(t);
            assertThat(indexes.definitions()).as(role).anySatisfy(i -> assertThat(i.name()).isEqualTo("bloated_payload"));
            assertThat(indexes.usage().byIndex()).as(role).isNotEmpty();
            VacuumStatus vacuum = new VacuumReader(t).status();
            assertThat(vacuum.tables()).as(role).anySatisfy(v -> assertThat(v.table()).isEqualTo(new RelationName("app", "bloated")));
            ServerReader server = new ServerReader(t);
            assertThat(server.info().maxConnections()).as(role).isEqualTo(120);
            assertThat(server.databaseStats()).as(role).isNotEmpty();
            assertThat(server.databaseSizes()).as(role).containsKey(f.database());
        }
    }
}
