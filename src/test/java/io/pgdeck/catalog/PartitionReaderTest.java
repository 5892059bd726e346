package io.pgdeck.catalog;

import static io.pgdeck.catalog.PartitionFixtures.month;
import static io.pgdeck.catalog.PartitionFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionReaderTest {

    private static final ClassDatabases DB = new ClassDatabases(PartitionFixtures.schema());

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    private static PartitionSet set(TestPostgres pg, String name) {
        return new PartitionReader(DB.target(pg)).sets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void monthlySetWithGapDefaultRowsAndNothingAhead(TestPostgres pg) {
        PartitionSet events = set(pg, "events");
        assertThat(events.strategy()).isEqualTo("range");
        assertThat(events.keyColumn()).isEqualTo("created_at");
        assertThat(events.partitions()).extracting(Partition::name)
                .containsExactly("events_" + suffix(-3), "events_" + suffix(-2), "events_" + suffix(0), "events_default");
        assertThat(events.defaultPartition().orElseThrow().defaultRows()).isEqualTo(12);
        assertThat(events.defaultPartition().orElseThrow().defaultHoldsRows()).isTrue();

        PartitionCoverage c = events.coverage(LocalDateTime.now(ZoneOffset.UTC)).orElseThrow();
        assertThat(c.interval()).contains(TimeInterval.MONTH);
        assertThat(c.gaps()).containsExactly(new TimeRange(month(-1).atDay(1).atStartOfDay(), month(0).atDay(1).atStartOfDay()));
        assertThat(c.shortAhead()).isTrue();
        assertThat(c.coveredUntil()).isEqualTo(month(1).atDay(1).atStartOfDay());

        long gapRows = new PartitionReader(DB.target(pg)).rowsInRange(new Relation("public", "events_default"),
                "created_at", PartitionFixtures.start(-1), PartitionFixtures.start(0));
        assertThat(gapRows).isEqualTo(12);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void hashAndListSets(TestPostgres pg) {
        PartitionSet sessions = set(pg, "sessions");
        assertThat(sessions.strategy()).isEqualTo("hash");
        assertThat(sessions.coverage(LocalDateTime.now())).isEmpty();
        assertThat(sessions.partitions()).extracting(p -> p.bounds().remainder()).containsExactly(0, 1, 2, 3);
        assertThat(sessions.partitions()).allMatch(p -> p.bounds().modulus() == 4);

        PartitionSet customers = set(pg, "customers");
        assertThat(customers.strategy()).isEqualTo("list");
        assertThat(customers.partitions()).extracting(Partition::name)
                .containsExactly("customers_eu", "customers_us", "customers_other");
        assertThat(customers.partitions().get(0).bounds().values()).containsExactly("de", "fr", "it's");
        assertThat(customers.defaultPartition().orElseThrow().defaultRows()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void nestedLevels(TestPostgres pg) {
        PartitionSet orders = set(pg, "orders");
        assertThat(orders.partitions()).extracting(Partition::name).containsExactly("orders_2025", "orders_2026");
        Partition level = orders.partitions().get(0);
        assertThat(level.isLevel()).isTrue();
        assertThat(level.subStrategy()).isEqualTo("list");
        assertThat(level.children()).extracting(Partition::name).containsExactly("orders_2025_eu", "orders_2025_us");
        assertThat(orders.partitions().get(1).isLevel()).isFalse();
        assertThat(orders.coverage(LocalDateTime.of(2026, 6, 1, 0, 0)).orElseThrow().interval()).contains(TimeInterval.YEAR);
        // sub-partitions are not sets of their own
        assertThat(new PartitionReader(DB.target(pg)).sets()).extracting(PartitionSet::name).doesNotContain("orders_2025");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void hostileNames(TestPostgres pg) {
        PartitionSet odd = set(pg, PartitionFixtures.HOSTILE_TABLE);
        assertThat(odd.schema()).isEqualTo(PartitionFixtures.HOSTILE_SCHEMA);
        assertThat(odd.keyColumn()).isEqualTo("Created At");
        assertThat(odd.partitions()).extracting(Partition::name)
                .containsExactly(PartitionFixtures.hostilePartition(-1), PartitionFixtures.hostilePartition(0));
        List<NewPartition> next = PartitionPlanner.next(odd, 1, LocalDateTime.now(ZoneOffset.UTC));
        assertThat(next).extracting(NewPartition::name).containsExactly(PartitionFixtures.hostilePartition(1));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void partmanConfigIsRead(TestPostgres pg) throws Exception {
        try (var c = DB.connect(pg); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS fake_partman");
            st.execute("CREATE TABLE IF NOT EXISTS fake_partman.part_config (parent_table text PRIMARY KEY,"
                    + " partition_interval text, premake int, retention text, retention_keep_table boolean)");
            st.execute("INSERT INTO fake_partman.part_config VALUES ('public.events', '1 mon', 4, '12 months', false)"
                    + " ON CONFLICT DO NOTHING");
        }
        assertThat(new PartitionReader(DB.target(pg)).partmanConfigs("fake_partman"))
                .containsEntry("public.events", new PartmanConfig("public.events", "1 mon", 4, "12 months", false));
        // not installed as an extension: pgdeck does not offer it
        assertThat(new PartitionReader(DB.target(pg)).partmanConfigs()).isEmpty();
    }
}
