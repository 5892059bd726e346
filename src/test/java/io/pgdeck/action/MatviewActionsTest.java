package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Three matviews built on each other (one through a plain view), and one without a unique index. */
class MatviewActionsTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE sales (id int PRIMARY KEY, day date NOT NULL, amount int NOT NULL)",
            "INSERT INTO sales SELECT i, date '2026-01-01' + i % 30, i FROM generate_series(1, 3000) i",
            "CREATE MATERIALIZED VIEW mv_daily AS SELECT day, sum(amount) AS total FROM sales GROUP BY day",
            "CREATE UNIQUE INDEX ON mv_daily (day)",
            "CREATE VIEW v_daily_big AS SELECT * FROM mv_daily WHERE total > 0",
            "CREATE MATERIALIZED VIEW \"Mv Weekly \"\"Ü\"\"\" AS SELECT date_trunc('week', day)::date AS week, sum(total) AS total"
                    + " FROM v_daily_big GROUP BY 1",
            "CREATE UNIQUE INDEX ON \"Mv Weekly \"\"Ü\"\"\" (week)",
            "CREATE MATERIALIZED VIEW mv_summary AS SELECT count(*) AS weeks, sum(total) AS total FROM \"Mv Weekly \"\"Ü\"\"\"",
            "CREATE MATERIALIZED VIEW mv_partial AS SELECT day, total FROM mv_daily WITH NO DATA",
            "CREATE UNIQUE INDEX ON mv_partial (day) WHERE total > 100");

    @TempDir
    Path tmp;

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    private static Matview named(List<Matview> all, String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void readerSeesDependenciesIndexesAndPopulation(TestPostgres pg) {
        List<Matview> all = new MatviewReader(DB.target(pg)).matviews();
        assertThat(all).extracting(Matview::name).containsExactly("Mv Weekly \"Ü\"", "mv_daily", "mv_partial", "mv_summary");
        Matview weekly = named(all, "Mv Weekly \"Ü\"");
        assertThat(weekly.dependsOn()).containsExactly("public.mv_daily"); // through the plain view
        assertThat(weekly.refreshableConcurrently()).isTrue();
        assertThat(named(all, "mv_summary").dependsOn()).containsExactly("public.Mv Weekly \"Ü\"");
        assertThat(named(all, "mv_summary").uniqueIndex()).isNull();
        Matview partial = named(all, "mv_partial");
        assertThat(partial.populated()).isFalse();
        assertThat(partial.uniqueIndex()).as("a partial unique index does not allow CONCURRENTLY").isNull();
        assertThat(named(all, "mv_daily").sizeBytes()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theChainRefreshesInOrderAndTheAuditLogTells(TestPostgres pg) throws Exception {
        List<Matview> all = new MatviewReader(DB.target(pg)).matviews();
        RefreshAllMatviewsAction action = new RefreshAllMatviewsAction(all);
        assertThat(action.order()).extracting(Matview::name)
                .containsExactly("mv_daily", "Mv Weekly \"Ü\"", "mv_partial", "mv_summary");
        assertThat(action.plan().statements()).containsExactly(
                "REFRESH MATERIALIZED VIEW CONCURRENTLY \"public\".\"mv_daily\"",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY \"public\".\"Mv Weekly \"\"Ü\"\"\"",
                "REFRESH MATERIALIZED VIEW \"public\".\"mv_partial\"",
                "REFRESH MATERIALIZED VIEW \"public\".\"mv_summary\"");
        assertThat(action.plan().lock()).contains("ACCESS EXCLUSIVE").contains("public.mv_summary");
        pg.execute(DB.name(pg), "INSERT INTO sales VALUES (5000, date '2026-03-01', 7)");

        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        ActionResult result = runner(pg, audit).run(action, p -> {});
        assertThat(result.succeeded()).as(result.message()).isTrue();
        // the new sale went through all three levels of the chain
        assertThat(count(pg, "SELECT total FROM mv_summary")).isEqualTo(3000L * 3001 / 2 + 7);

        MatviewRefreshHistory history = new MatviewRefreshHistory(audit.read());
        Matview summary = named(new MatviewReader(DB.target(pg)).matviews(), "mv_summary");
        var last = history.last(DB.target(pg).profile().describe(), summary).orElseThrow();
        assertThat(last.outcome()).isEqualTo("SUCCEEDED");
        assertThat(last.alone()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void withoutUniqueIndexTheRefreshIsPlainAndSaysSo(TestPostgres pg) {
        Matview summary = named(new MatviewReader(DB.target(pg)).matviews(), "mv_summary");
        ActionPlan plan = new RefreshMatviewAction(summary).plan();
        assertThat(plan.statements()).containsExactly("REFRESH MATERIALIZED VIEW \"public\".\"mv_summary\"");
        assertThat(plan.lock()).contains("ACCESS EXCLUSIVE lock: every query reading the view waits")
                .contains("needs a unique index");
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        assertThat(runner(pg, audit).run(new RefreshMatviewAction(summary), p -> {}).succeeded()).isTrue();
        var last = new MatviewRefreshHistory(audit.read()).last(DB.target(pg).profile().describe(), summary).orElseThrow();
        assertThat(last.alone()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aConcurrentRefreshRunsWhileReadersKeepReading(TestPostgres pg) throws Exception {
        List<Matview> all = new MatviewReader(DB.target(pg)).matviews();
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        try (Connection reader = DB.connect(pg); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.executeQuery("SELECT count(*) FROM mv_daily").close(); // holds ACCESS SHARE until commit
            ActionResult concurrent = runner(pg, audit).run(new RefreshMatviewAction(named(all, "mv_daily")), p -> {});
            assertThat(concurrent.succeeded()).as(concurrent.message()).isTrue();
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM mv_daily")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            // the same reader makes a plain refresh give up at lock_timeout instead of queueing behind it
            Matview plain = new Matview("public", "mv_daily", true, 0, 0, null, List.of());
            ActionResult blocked = runner(pg, audit).run(new RefreshMatviewAction(plain), p -> {});
            assertThat(blocked.succeeded()).isFalse();
            assertThat(blocked.message()).containsIgnoringCase("lock");
            reader.commit();
        }
    }

    private static ActionRunner runner(TestPostgres pg, AuditLog audit) {
        return new ActionRunner(DB.target(pg), audit, () -> false, PartitionActionsTest.SETTINGS);
    }

    private static long count(TestPostgres pg, String sql) throws Exception {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
