package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.DropIndexAction;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IndexReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE planted (id int PRIMARY KEY, a int, b int, c text, d int, e int)",
            "INSERT INTO planted SELECT g, g % 10, g % 7, 'c' || g, g % 3, g FROM generate_series(1, 3000) g",
            "ALTER TABLE planted ADD CONSTRAINT planted_c_key UNIQUE (c)",
            "CREATE INDEX planted_c_again ON planted (c)",
            "CREATE INDEX planted_unused ON planted (d)",
            "CREATE INDEX planted_a ON planted (a)",
            "CREATE INDEX planted_a_b ON planted (a, b)",
            "CREATE INDEX planted_a_b_twice ON planted (a, b)",
            "CREATE INDEX planted_a_partial ON planted (a) WHERE b > 3",
            "CREATE INDEX planted_a_desc ON planted (a DESC)",
            "CREATE INDEX planted_used ON planted (e)",
            "CREATE TABLE scanned (id int, v text)",
            "INSERT INTO scanned SELECT g, 'v' || g FROM generate_series(1, 2000) g",
            "CREATE TABLE locked_table (id int PRIMARY KEY)",
            "CREATE TABLE parted (id int, k int) PARTITION BY RANGE (id)",
            "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (100)",
            "CREATE INDEX parted_k ON parted (k)");

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void plantedIndexesAreClassifiedExactly(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
            // a unique build over duplicates fails and leaves the index invalid
            assertThatThrownBy(() -> st.execute("CREATE UNIQUE INDEX CONCURRENTLY planted_invalid ON planted (d)"))
                    .isInstanceOf(SQLException.class);
            st.execute("SET enable_seqscan = off");
            st.execute("SELECT count(*) FROM planted WHERE e = 42");
            for (int i = 0; i < 25; i++) {
                st.execute("SELECT count(*) FROM scanned WHERE v = 'x'");
            }
        }
        IndexReader reader = new IndexReader(target);
        IndexUsage usage = await("the scan of planted_used is counted").atMost(WAIT).until(reader::usage,
                u -> reader.definitions().stream().filter(d -> d.name().equals("planted_used"))
                        .anyMatch(d -> u.of(d.oid()).scans() > 0));
        IndexReview review = await("the sequential scans are counted").atMost(WAIT).until(
                () -> IndexClassifier.review(reader.definitions(), usage, reader.tableScans()),
                r -> !r.missingIndexes().isEmpty());
        Map<String, IndexReport> byName = review.indexes().stream()
                .filter(r -> r.index().table().equals("planted"))
                .collect(Collectors.toMap(r -> r.index().name(), Function.identity()));

        assertThat(byName.keySet()).containsExactlyInAnyOrder("planted_pkey", "planted_c_key", "planted_c_again",
                "planted_unused", "planted_a", "planted_a_b", "planted_a_b_twice", "planted_a_partial",
                "planted_a_desc", "planted_used", "planted_invalid");
        assertFlags(byName, "planted_pkey");
        assertFlags(byName, "planted_c_key");
        assertFlags(byName, "planted_used");
        assertFlags(byName, "planted_c_again", IndexFlag.DUPLICATE, IndexFlag.UNUSED);
        assertFlags(byName, "planted_unused", IndexFlag.UNUSED);
        assertFlags(byName, "planted_a", IndexFlag.REDUNDANT, IndexFlag.UNUSED);
        assertFlags(byName, "planted_a_b", IndexFlag.UNUSED);
        assertFlags(byName, "planted_a_b_twice", IndexFlag.DUPLICATE, IndexFlag.UNUSED);
        assertFlags(byName, "planted_a_partial", IndexFlag.UNUSED);
        assertFlags(byName, "planted_a_desc", IndexFlag.UNUSED);
        assertFlags(byName, "planted_invalid", IndexFlag.INVALID);

        Map<String, IndexReport> parted = review.indexes().stream()
                .filter(r -> r.index().table().startsWith("parted"))
                .collect(Collectors.toMap(r -> r.index().name(), Function.identity()));
        assertThat(parted.get("parted_k").index().partitioned()).isTrue();
        assertFlags(parted, "parted_k");
        assertFlags(parted, "parted_1_k_idx", IndexFlag.UNUSED);

        assertThat(byName.get("planted_c_again").explanation()).contains("Duplicate of planted_c_key");
        assertThat(byName.get("planted_a").explanation()).contains("lead planted_a_b");
        assertThat(byName.get("planted_unused").explanation()).contains("No scans", "since the statistics were reset");
        assertThat(byName.get("planted_c_key").index().constraint()).isEqualTo("planted_c_key");
        assertThat(byName.get("planted_c_key").droppable()).isFalse();
        assertThat(byName.get("planted_pkey").index().backsConstraint()).isTrue();
        assertThat(byName.get("planted_unused").droppable()).isTrue();
        assertThat(byName.get("planted_unused").index().sizeBytes()).isPositive();
        assertThat(byName.get("planted_unused").index().definition())
                .isEqualTo("CREATE INDEX planted_unused ON public.planted USING btree (d)");
        assertThat(byName.get("planted_used").counters().scans()).isPositive();
        assertThat(usage.window()).isPositive();
        assertThatThrownBy(() -> new DropIndexAction(byName.get("planted_c_key").index()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("constraint planted_c_key needs it");

        assertThat(review.missingIndexes()).extracting(h -> h.scans().table()).containsExactly("scanned");
        assertThat(review.missingIndexes().get(0).reason()).contains("sequential scans read 2,000 rows each");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void lockedRelationsAreNotSizedAndDoNotBlockTheRead(TestPostgres pg) throws Exception {
        IndexReader reader = new IndexReader(DB.target(pg));
        try (Connection holder = DB.connect(pg); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE locked_table IN ACCESS EXCLUSIVE MODE");
            long t0 = System.nanoTime();
            IndexDefinition locked = reader.definitions().stream()
                    .filter(d -> d.name().equals("locked_table_pkey")).findFirst().orElseThrow();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            assertThat(locked.sizeBytes()).isNull();
            holder.rollback();
        }
        assertThat(reader.definitions().stream().filter(d -> d.name().equals("locked_table_pkey"))
                .findFirst().orElseThrow().sizeBytes()).isNotNull();
    }

    private static void assertFlags(Map<String, IndexReport> byName, String index, IndexFlag... flags) {
        Set<IndexFlag> expected = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
        assertThat(byName.get(index).flags()).as(index + ": " + byName.get(index).explanation()).isEqualTo(expected);
    }
}
