package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The safe executor on both servers: what it refuses, what it rolls back, what it reports. */
class ExplainRunnerTest {

    static final String[] SCHEMA = {
        "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, note text) WITH (autovacuum_enabled = off)",
        "INSERT INTO orders SELECT g, CASE WHEN g % 1000 = 0 THEN 'stuck' ELSE 'done' END, md5(g::text)"
                + " FROM generate_series(1, 20000) g",
        "ANALYZE orders",
        // small enough that sorting the table spills to disk
        "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET work_mem = %L', current_database(), '64kB'); END $$"};
    private static final ClassDatabases DB = new ClassDatabases(SCHEMA);

    @AfterAll
    static void close() {
        DB.close();
    }

    private static ExplainRunner runner(TestPostgres pg) {
        return new ExplainRunner(DB.target(pg), Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void deleteUnderAnalyzeRunsForRealAndIsRolledBack(TestPostgres pg) throws Exception {
        ExplainRunner runner = runner(pg);
        ExplainRequest delete = runner.prepare("DELETE FROM orders WHERE id <= 500", ExplainOptions.analyzeWithBuffers());
        assertThatThrownBy(() -> runner.run(delete, false)).isInstanceOfSatisfying(UnconfirmedSideEffects.class,
                e -> assertThat(e.sideEffects().writes()).containsExactly("DELETE from public.orders"))
                .hasMessage("EXPLAIN ANALYZE runs the statement for real, and it has side effects (DELETE from"
                        + " public.orders): confirm them to run it and roll it back.");
        assertThat(count(pg, "SELECT count(*) FROM orders")).isEqualTo(20000);

        ExplainResult result = runner.run(delete, true);
        assertThat(result.sideEffects().writes()).containsExactly("DELETE from public.orders");
        assertThat(result.plan().root().nodeType()).isEqualTo("ModifyTable");
        assertThat(result.plan().root().text("Operation")).isEqualTo("Delete");
        assertThat(result.plan().root().children().get(0).timing().rows()).isEqualTo(500);
        assertThat(count(pg, "SELECT count(*) FROM orders")).isEqualTo(20000);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void onlyOneStatement(TestPostgres pg) throws Exception {
        ExplainRunner runner = runner(pg);
        assertThatThrownBy(() -> runner.prepare("SELECT 1; DELETE FROM orders", ExplainOptions.plain()))
                .isInstanceOf(ExplainException.class)
                .hasMessage("The text holds 2 statements: EXPLAIN takes one at a time, so keep only the one to explain.");
        ExplainResult result = runner.run(runner.prepare(
                "SELECT ';' AS a, $$;$$ AS b /* ; */ FROM orders -- ;\nWHERE id = 1;", ExplainOptions.analyzeWithBuffers()),
                false);
        assertThat(result.plan().root().nodeType()).startsWith("Index");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void malformedQueryReportsPostgresMessageAndPositionInTheEditor(TestPostgres pg) throws Exception {
        ExplainRunner runner = runner(pg);
        String typed = "-- my report\n\nSELECT id, status\n  FORM orders";
        ExplainException e = org.junit.jupiter.api.Assertions.assertThrows(ExplainException.class,
                () -> runner.run(runner.prepare(typed, ExplainOptions.plain()), false));
        assertThat(e.getMessage()).isEqualTo("Syntax error at or near \"orders\"");
        assertThat(e.position()).isEqualTo(typed.indexOf("orders"));

        ExplainException missing = org.junit.jupiter.api.Assertions.assertThrows(ExplainException.class,
                () -> runner.run(runner.prepare("SELECT nope FROM orders", ExplainOptions.plain()), false));
        assertThat(missing.getMessage()).startsWith("Column \"nope\" does not exist");
        assertThat(missing.position()).isEqualTo(7);

        // under ANALYZE the error comes from the plan asked for first: its position all the same
        ExplainException analyzed = org.junit.jupiter.api.Assertions.assertThrows(ExplainException.class,
                () -> runner.run(runner.prepare(typed, ExplainOptions.analyzeWithBuffers()), false));
        assertThat(analyzed.getMessage()).isEqualTo("Syntax error at or near \"orders\"");
        assertThat(analyzed.position()).isEqualTo(typed.indexOf("orders"));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void genericPlanOnlyFromPostgres16(TestPostgres pg) throws Exception {
        ExplainRunner runner = runner(pg);
        ExplainOptions generic = new ExplainOptions(false, false, false, false, false, true);
        String sql = "SELECT * FROM orders WHERE id = $1";
        assertThat(SqlText.of(sql).hasParameters()).isTrue();
        if (pg == TestPostgres.OLDEST) {
            assertThat(runner.genericPlanAvailable()).isFalse();
            assertThatThrownBy(() -> runner.prepare(sql, generic)).isInstanceOf(ExplainException.class)
                    .hasMessage("GENERIC_PLAN needs PostgreSQL 16 or later; this server is " + runner.version() + ".");
        } else {
            assertThat(runner.genericPlanAvailable()).isTrue();
            ExplainResult result = runner.run(runner.prepare(sql, generic), false);
            assertThat(result.plan().root().text("Index Cond")).isEqualTo("(id = $1)");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void timeoutCancelsAndSaysSo(TestPostgres pg) throws Exception {
        ExplainRunner runner = new ExplainRunner(DB.target(pg), Duration.ofMillis(300));
        assertThatThrownBy(() -> runner.run(runner.prepare("SELECT pg_sleep(5)", ExplainOptions.analyzeWithBuffers()), false))
                .isInstanceOf(ExplainException.class)
                .hasMessage("Cancelled: the statement ran past statement_timeout (300 ms) or was cancelled; nothing was kept.");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void plantedQueriesRaiseTheirInsights(TestPostgres pg) throws Exception {
        ExplainRunner runner = runner(pg);
        PlanAnalysis scan = runner.run(runner.prepare("SELECT * FROM orders WHERE status = 'stuck'",
                ExplainOptions.analyzeWithBuffers()), false).analysis();
        assertThat(scan.insights()).filteredOn(i -> i.rule() == InsightRule.SEQ_SCAN_NEEDS_INDEX).singleElement()
                .satisfies(i -> assertThat(i.explanation()).contains("CREATE INDEX CONCURRENTLY ON orders (status)"));
        assertThat(scan.insights()).anyMatch(i -> i.rule() == InsightRule.FILTER_WASTE);

        PlanAnalysis sort = runner.run(runner.prepare("SELECT * FROM orders ORDER BY note",
                ExplainOptions.analyzeWithBuffers()), false).analysis();
        assertThat(sort.insights()).anyMatch(i -> i.rule() == InsightRule.SPILL && i.title().startsWith("Sort spilled"));

        // never vacuumed since the load: the visibility map is empty
        PlanAnalysis indexOnly = runner.run(runner.prepare("SELECT id FROM orders WHERE id < 200",
                ExplainOptions.analyzeWithBuffers()), false).analysis();
        assertThat(indexOnly.insights()).filteredOn(i -> i.rule() == InsightRule.HEAP_FETCHES).singleElement()
                .satisfies(i -> assertThat(i.title()).isEqualTo("199 heap fetches in Index Only Scan using orders_pkey on orders"));

        PlanAnalysis clean = runner.run(runner.prepare("SELECT * FROM orders WHERE id = 42",
                ExplainOptions.analyzeWithBuffers()), false).analysis();
        assertThat(clean.insights()).isEmpty();
    }

    private static long count(TestPostgres pg, String sql) throws Exception {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
