package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each insight on a query planted to raise it, on real servers, and its advice tried where it was
 * given: the index it printed is created (without CONCURRENTLY, inside the test's transaction) or
 * the work_mem it advised is set, and the plan run again must be better. Everything is rolled back.
 */
class PlantedInsightsTest {

    static final String[] SCHEMA = {
        "CREATE TABLE sales (id bigint PRIMARY KEY, status text NOT NULL, amount int NOT NULL, pad text)",
        "INSERT INTO sales SELECT g, 's' || (g / 2000), (g * 7919) % 10000, md5(g::text) FROM generate_series(1, 200000) g",
        "CREATE TABLE people (id int PRIMARY KEY, email text NOT NULL)",
        "INSERT INTO people SELECT g, 'User' || g || '@example.org' FROM generate_series(1, 100000) g",
        "CREATE TABLE events (id int NOT NULL, kind text NOT NULL, amount int) PARTITION BY RANGE (id)",
        "DO $$ BEGIN FOR i IN 0..19 LOOP EXECUTE format('CREATE TABLE events_p%s PARTITION OF events"
                + " FOR VALUES FROM (%s) TO (%s)', i, i * 12000, (i + 1) * 12000); END LOOP; END $$",
        "INSERT INTO events SELECT g, CASE WHEN g % 1000 = 0 THEN 'rare' ELSE 'common' END, g % 100"
                + " FROM generate_series(0, 239999) g",
        "CREATE TABLE scattered (id int, v int NOT NULL, pad text)",
        "INSERT INTO scattered SELECT g, (g * 7919) % 100000, md5(g::text) FROM generate_series(1, 200000) g",
        "CREATE INDEX ON scattered (v)",
        "CREATE TABLE logs (id int, at timestamptz NOT NULL, pad text)",
        "INSERT INTO logs SELECT g, timestamptz '2024-01-01' + g * interval '1 second', md5(g::text)"
                + " FROM generate_series(1, 200000) g",
        "CREATE INDEX ON logs USING brin (at)",
        "CREATE TABLE bands (id int, lo int NOT NULL, hi int NOT NULL)",
        "INSERT INTO bands SELECT g, g * 1000, g * 1000 + 999 FROM generate_series(0, 49) g",
        "CREATE TABLE readings (id int, v int NOT NULL)",
        "INSERT INTO readings SELECT g, (g * 7919) % 50000 FROM generate_series(1, 20000) g",
        "CREATE TABLE items (id int, code int NOT NULL, body text)",
        "INSERT INTO items SELECT g, (g::bigint * 7919) % 500000, md5(g::text) FROM generate_series(1, 500000) g",
        "CREATE INDEX ON items (code)",
        // 3,000 codes, each asked for again only after all the others: a cache too small for them all never hits
        "CREATE TABLE orders (id int, code int NOT NULL)",
        "INSERT INTO orders SELECT g, ((g * 31) % 3000) * 150 FROM generate_series(1, 30000) g",
        "VACUUM ANALYZE"};
    private static final ClassDatabases DB = new ClassDatabases(SCHEMA);
    private static final Pattern DDL = Pattern.compile("(CREATE (?:EXTENSION|INDEX).*?\\))(?:\\s\\(|,|\\.\\s|\\.?$)");
    private static final Pattern WORK_MEM = Pattern.compile("work_mem to (\\d+MB)");

    /** Memoize came with PostgreSQL 14: of the test servers, only the newest has it. */
    static Stream<TestPostgres> withMemoize() {
        return Stream.of(TestPostgres.NEWEST);
    }

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void equalityColumnsComeBeforeTheRangeColumn(TestPostgres pg) throws Exception {
        String query = "SELECT * FROM sales WHERE amount > 5000 AND status = 's3'";
        try (Tried t = new Tried(pg)) {
            Tried.Index tried = t.index(query, InsightRule.SEQ_SCAN_NEEDS_INDEX,
                    "CREATE INDEX CONCURRENTLY ON sales (status, amount)");
            PlanAnalysis before = tried.before();
            PlanAnalysis after = tried.after();
            assertThat(after.nodes()).anyMatch(n -> "sales_status_amount_idx".equals(n.index()));
            assertThat(blocks(after)).isLessThan(blocks(before) / 10);
            t.rollback();
            // the order the advice avoids: the whole range of amount is walked to check status
            t.run("CREATE INDEX ON sales (amount, status)");
            PlanAnalysis rangeFirst = t.explain(query);
            assertThat(indexBlocks(rangeFirst)).isGreaterThan(indexBlocks(after) * 10);
            figure(pg, "equality before range", query, blocks(before), blocks(after), String.format(
                    "; index blocks %d, (amount, status) %d", indexBlocks(after), indexBlocks(rangeFirst)));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anIndexOnTheRangeAloneGetsTheEqualityColumnAddedInFront(TestPostgres pg) throws Exception {
        String query = "SELECT * FROM sales WHERE amount > 9000 AND status = 's3'";
        try (Tried t = new Tried(pg)) {
            t.run("CREATE INDEX sales_amount ON sales (amount)");
            Tried.Index tried = t.index(query, InsightRule.FILTER_WASTE, "the index it uses serves only (amount > 9000);"
                    + " consider an index with the columns compared with = first and the range last:"
                    + " CREATE INDEX CONCURRENTLY ON sales (status, amount)");
            assertThat(blocks(tried.after())).isLessThan(blocks(tried.before()) / 10);
            figure(pg, "filter on an index scan → (equality, range)", query, blocks(tried.before()),
                    blocks(tried.after()), "");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void leadingWildcardGetsATrigramIndexAndAnExpressionAnExpressionIndex(TestPostgres pg) throws Exception {
        String like = "SELECT * FROM people WHERE email LIKE '%ser4242@%'";
        String lower = "SELECT * FROM people WHERE lower(email) = 'user4242@example.org'";
        try (Tried t = new Tried(pg)) {
            Tried.Index trigram = t.index(like, InsightRule.SEQ_SCAN_NEEDS_INDEX, "with pg_trgm, since a btree cannot"
                    + " serve a pattern with a leading wildcard: CREATE EXTENSION IF NOT EXISTS pg_trgm;"
                    + " CREATE INDEX CONCURRENTLY ON people USING gin (email gin_trgm_ops)");
            assertThat(trigram.after().nodes()).anyMatch(n -> n.nodeType().equals("Bitmap Index Scan"));
            assertThat(blocks(trigram.after())).isLessThan(blocks(trigram.before()));
            figure(pg, "LIKE '%x%' → pg_trgm GIN", like, blocks(trigram.before()), blocks(trigram.after()), "");

            Tried.Index expression = t.index(lower, InsightRule.SEQ_SCAN_NEEDS_INDEX,
                    "CREATE INDEX CONCURRENTLY ON people ((lower(email)))");
            assertThat(blocks(expression.after())).isLessThan(blocks(expression.before()) / 10);
            figure(pg, "expression index", lower, blocks(expression.before()), blocks(expression.after()), "");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void onePartitionedTableIsOneInsight(TestPostgres pg) throws Exception {
        String query = "SELECT * FROM events WHERE kind = 'rare'";
        try (Tried t = new Tried(pg)) {
            Tried.Index tried = t.index(query, InsightRule.SEQ_SCAN_NEEDS_INDEX, "CREATE INDEX ON events (kind)");
            PlanAnalysis before = tried.before();
            PlanAnalysis after = tried.after();
            assertThat(tried.insight().title()).isEqualTo("Sequential scans of 20 partitions of events keep 240 of 240,000 rows");
            assertThat(before.nodes().get(tried.insight().nodeId()).nodeType()).isEqualTo("Append");
            assertThat(before.insights()).filteredOn(i -> i.rule() == InsightRule.FILTER_WASTE).singleElement()
                    .satisfies(i -> assertThat(i.title()).startsWith("20 partitions of events: Filter removes"));
            // each of the 240 rows is on a page of its own: about 280 blocks instead of 1,300
            assertThat(blocks(after)).isLessThan(blocks(before) / 4);
            figure(pg, "partitions grouped", query, blocks(before), blocks(after), "");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void sortWorkMemAdviceAvoidsTheSpill(TestPostgres pg) throws Exception {
        for (String query : List.of("SELECT id FROM sales ORDER BY amount", "SELECT * FROM sales ORDER BY pad")) {
            try (Tried t = new Tried(pg)) {
                WorkMemTried tried = t.workMem(query, "1MB", InsightRule.SPILL);
                assertThat(tried.after().nodes()).filteredOn(n -> n.nodeType().equals("Sort")).singleElement()
                        .satisfies(n -> assertThat(n.text("Sort Space Type")).isEqualTo("Memory"));
                figure(pg, "sort spill → work_mem " + tried.advised(), query,
                        node(tried.before(), "Sort").number("Sort Space Used"),
                        node(tried.after(), "Sort").number("Sort Space Used"), " kB (disk → memory)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void hashWorkMemAdviceKeepsOneBatch(TestPostgres pg) throws Exception {
        String query = "SELECT s.id, p.email FROM sales s JOIN people p ON p.id = s.amount + 1";
        try (Tried t = new Tried(pg)) {
            WorkMemTried tried = t.workMem(query, "256kB", InsightRule.SPILL);
            assertThat(tried.insight().title()).startsWith("Hash used");
            figure(pg, "hash batches → work_mem " + tried.advised(), query,
                    node(tried.before(), "Hash").number("Hash Batches"), tried.after().nodes().stream().filter(n -> n.nodeType().equals("Hash")).mapToDouble(n -> n.number("Hash Batches"))
                            .max().orElse(0), " batches");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void hashAggregateWorkMemAdviceAvoidsTheSpill(TestPostgres pg) throws Exception {
        String query = "SELECT id % 50000 AS k, count(*) FROM sales GROUP BY 1";
        try (Tried t = new Tried(pg)) {
            // with 256kB the planner sorts instead (a spill SPILL covers too): make it hash, as it does on bigger tables
            t.run("SET LOCAL enable_sort = off");
            WorkMemTried tried = t.workMem(query, "256kB", InsightRule.SPILL);
            assertThat(tried.insight().title()).startsWith("Hash aggregate spilled to disk");
            figure(pg, "hash aggregate spill → work_mem " + tried.advised(), query,
                    tried.before().plan().root().number("Disk Usage"), tried.after().plan().root().number("Disk Usage"),
                    " kB on disk");
        }
    }

    @ParameterizedTest
    @MethodSource("withMemoize")
    void memoizeThatEvictsGetsTheWorkMemForItsKeys(TestPostgres pg) throws Exception {
        String query = "SELECT o.id, i.body FROM orders o JOIN items i ON i.code = o.code";
        try (Tried t = new Tried(pg)) {
            WorkMemTried tried = t.workMem(query, "128kB", InsightRule.MEMOIZE_MISSES);
            assertThat(tried.insight().title()).startsWith("Memoize missed 30,000 of 30,000 lookups, evicting");
            assertThat(node(tried.after(), "Memoize").number("Cache Evictions")).isZero();
            figure(pg, "Memoize evicting → work_mem " + tried.advised(), query,
                    node(tried.before(), "Memoize").number("Cache Hits"), node(tried.after(), "Memoize").number("Cache Hits"),
                    " hits");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void lossyBitmapGetsTheWorkMemToStayExact(TestPostgres pg) throws Exception {
        String query = "SELECT count(pad) FROM scattered WHERE v < 5000";
        try (Tried t = new Tried(pg)) {
            WorkMemTried tried = t.workMem(query, "64kB", InsightRule.LOSSY_BITMAP);
            assertThat(tried.before().insights()).noneMatch(i -> i.rule() == InsightRule.RECHECK_WASTE);
            PlanNode heap = node(tried.after(), "Bitmap Heap Scan");
            assertThat(heap.number("Lossy Heap Blocks")).isZero();
            assertThat(heap.number("Rows Removed by Index Recheck")).isZero();
            figure(pg, "lossy bitmap → work_mem " + tried.advised(), query,
                    node(tried.before(), "Bitmap Heap Scan").number("Rows Removed by Index Recheck"), 0,
                    " rows rechecked away");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void coarseIndexRecheckGetsABtree(TestPostgres pg) throws Exception {
        String query = "SELECT * FROM logs WHERE at BETWEEN '2024-01-02 00:00+00' AND '2024-01-02 00:01+00'";
        try (Tried t = new Tried(pg)) {
            Tried.Index tried = t.index(query, InsightRule.RECHECK_WASTE, "CREATE INDEX CONCURRENTLY ON logs (at)");
            PlanAnalysis before = tried.before();
            PlanAnalysis after = tried.after();
            assertThat(blocks(after)).isLessThan(blocks(before) / 10);
            figure(pg, "BRIN recheck → btree", query, blocks(before), blocks(after), "");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void joinFilterWasteGetsAnIndexTheJoinCanLookUp(TestPostgres pg) throws Exception {
        String query = "SELECT * FROM readings r JOIN bands b ON r.v BETWEEN b.lo AND b.hi";
        try (Tried t = new Tried(pg)) {
            Tried.Index tried = t.index(query, InsightRule.JOIN_FILTER_WASTE, "CREATE INDEX CONCURRENTLY ON readings (v)");
            PlanAnalysis before = tried.before();
            PlanAnalysis after = tried.after();
            assertThat(tried.insight().title()).contains("discards 980,000 row pairs to keep 20,000");
            assertThat(after.totalMs()).isLessThan(before.totalMs());
            figure(pg, "join filter → index", query, before.totalMs(), after.totalMs(), " ms");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void nodesStoppedEarlyAreNoOverestimate(TestPostgres pg) throws Exception {
        try (Tried t = new Tried(pg)) {
            // the scan stops after 5 of the 2,000 rows it would return: planned right, stopped by the LIMIT
            PlanAnalysis limited = t.explain("SELECT * FROM sales WHERE status = 's3' LIMIT 5");
            assertThat(node(limited, "Seq Scan").timing().rows()).isEqualTo(5);
            assertThat(limited.insights()).noneMatch(i -> i.rule() == InsightRule.MISESTIMATE);
            // NOT EXISTS probes the inner side until its first match
            PlanAnalysis exists = t.explain("SELECT * FROM bands b WHERE NOT EXISTS"
                    + " (SELECT FROM readings r WHERE r.v >= b.lo AND r.v <= b.hi)");
            PlanNode inner = exists.nodes().stream().filter(n -> "readings".equals(n.relation())).findFirst().orElseThrow();
            assertThat(inner.timing().rows()).isLessThan(inner.estimate().rows() / 100);
            assertThat(exists.insights()).noneMatch(i -> i.rule() == InsightRule.MISESTIMATE && i.nodeId() == inner.id());
        }
    }

    private static Insight only(PlanAnalysis a, InsightRule rule) {
        List<Insight> found = a.insights().stream().filter(i -> i.rule() == rule).toList();
        assertThat(found).as("%s in %s", rule, a.insights()).hasSize(1);
        return found.get(0);
    }

    /** The DDL an insight printed, as a test in a transaction can run it. */
    private static String ddl(Insight insight) {
        Matcher m = DDL.matcher(insight.explanation());
        assertThat(m.find()).as(insight.explanation()).isTrue();
        return m.group(1).replace(" CONCURRENTLY", "");
    }

    private static String workMem(Insight insight) {
        Matcher m = WORK_MEM.matcher(insight.explanation());
        assertThat(m.find()).as(insight.explanation()).isTrue();
        return m.group(1);
    }

    private static PlanNode node(PlanAnalysis a, String type) {
        return a.nodes().stream().filter(n -> n.nodeType().equals(type)).findFirst().orElseThrow();
    }

    /** Blocks read in the index itself, where the column order matters. */
    private static long indexBlocks(PlanAnalysis a) {
        PlanNode index = node(a, "Bitmap Index Scan");
        return index.buffers().sharedHit() + index.buffers().sharedRead();
    }

    private static long blocks(PlanAnalysis a) {
        return a.nodes().stream().mapToLong(n -> n.buffers().sharedHit() + n.buffers().sharedRead()).max().orElse(0);
    }

    /** The figures for the closing note of issue 12, in the test's output. */
    private static void figure(TestPostgres pg, String insight, String query, double before, double after, String unit) {
        System.out.printf("FIGURE | %s | %s | %s | %.0f -> %.0f%s%n", pg, insight, query, before, after, unit);
    }

    private record WorkMemTried(PlanAnalysis before, Insight insight, String advised, PlanAnalysis after) {}

    /** A transaction on the class's database that is always rolled back. */
    private static final class Tried implements AutoCloseable {
        private final Connection connection;
        private final Statement statement;

        Tried(TestPostgres pg) throws SQLException {
            connection = DB.connect(pg);
            connection.setAutoCommit(false);
            statement = connection.createStatement();
            statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        }

        PlanAnalysis explain(String sql) throws SQLException {
            try (ResultSet rs = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
                rs.next();
                return PlanAnalysis.of(rs.getString(1));
            }
        }

        /**
         * The query run, its insight's index (which must be the one expected) created, and the
         * query run again, without the insight.
         */
        Tried.Index index(String query, InsightRule rule, String expectedDdl) throws SQLException {
            PlanAnalysis before = explain(query);
            Insight insight = only(before, rule);
            assertThat(insight.explanation()).contains(expectedDdl);
            run(ddl(insight));
            PlanAnalysis after = explain(query);
            assertThat(after.insights()).noneMatch(i -> i.rule() == rule);
            return new Index(before, insight, after);
        }

        record Index(PlanAnalysis before, Insight insight, PlanAnalysis after) {}

        /** The query run with work_mem at {@code small}, its advised work_mem set, and run again without the insight. */
        WorkMemTried workMem(String query, String small, InsightRule rule) throws SQLException {
            run("SET LOCAL work_mem = '" + small + "'");
            PlanAnalysis before = explain(query);
            Insight insight = only(before, rule);
            String advised = PlantedInsightsTest.workMem(insight);
            run("SET LOCAL work_mem = '" + advised + "'");
            PlanAnalysis after = explain(query);
            assertThat(after.insights()).noneMatch(i -> i.rule() == rule);
            return new WorkMemTried(before, insight, advised, after);
        }

        void run(String sql) throws SQLException {
            statement.execute(sql);
        }

        void rollback() throws SQLException {
            connection.rollback();
            statement.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
