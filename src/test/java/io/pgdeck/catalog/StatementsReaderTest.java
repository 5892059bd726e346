package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.StatementDeltas;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The statements reader on PostgreSQL 13 (extension 1.8: no toplevel, no info view) and 17
 * (1.11: split I/O times, stats_since), with a workload in which one query is clearly slowest.
 */
class StatementsReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SLOW = "SELECT pg_sleep(0.05) AS slow_report";
    private static final String CHEAP = "SELECT v FROM items WHERE id = ?";
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE items (id int PRIMARY KEY, v text)",
            "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g");
    private static final ExecutorService PLANTERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "statements-test-planter");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void closeAll() {
        DB.close();
        PLANTERS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theSlowQueryTopsTheListByTotalTime(TestPostgres pg) throws Exception {
        forgetOurStatements(pg);
        workload(pg, 10, 300);
        List<StatementStats> ours = inOurDatabase(pg, new StatementsReader(DB.target(pg)).top());

        StatementStats top = ours.get(0);
        assertThat(top.query()).contains("pg_sleep");
        assertThat(top.calls()).isEqualTo(10);
        assertThat(top.meanExecMillis()).isGreaterThanOrEqualTo(50.0);
        assertThat(top.maxExecMillis()).isGreaterThanOrEqualTo(50.0);
        assertThat(top.rows()).isEqualTo(10);
        assertThat(top.user()).isEqualTo("postgres");
        assertThat(top.key().toplevel()).isTrue();
        assertThat(top.statsSince() != null).isEqualTo(pg == TestPostgres.NEWEST);
        StatementStats cheap = ours.stream().filter(s -> s.query().contains("FROM items WHERE id")).findFirst().orElseThrow();
        assertThat(cheap.query()).as("normalized").contains("id = $1");
        assertThat(cheap.calls()).isEqualTo(300);
        assertThat(cheap.sharedBlocksHit()).isPositive();
        assertThat(cheap.totalExecMillis()).isLessThan(top.totalExecMillis());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aResetBetweenTwoReadsGivesNoNegativeRate(TestPostgres pg) throws Exception {
        StatementsReader reader = new StatementsReader(DB.target(pg));
        workload(pg, 2, 200);
        StatementDeltas deltas = new StatementDeltas();
        StatementsRead before = reader.top();
        deltas.add(before);
        pg.execute(DB.name(pg), "SELECT pg_stat_statements_reset()");
        workload(pg, 0, 3);
        StatementsRead after = reader.top();
        deltas.add(after);

        if (pg == TestPostgres.NEWEST) {
            assertThat(after.statsReset()).isAfter(before.statsReset());
        } else {
            assertThat(after.statsReset()).as("no pg_stat_statements_info before PG14").isNull();
        }
        List<StatementRates> rates = deltas.rates(StatementWindow.LAST_MINUTE);
        assertThat(rates).isNotEmpty().allSatisfy(StatementsReaderTest::noNegativeFigure);
        StatementRates cheap = rates.stream().filter(r -> DB.name(pg).equals(r.statement().database())
                && r.statement().query().contains("FROM items WHERE id")).findFirst().orElseThrow();
        assertThat(cheap.calls()).as("the calls since the reset").isEqualTo(3.0);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anEvictedStatementIsHandled(TestPostgres pg) throws Exception {
        StatementsReader reader = new StatementsReader(DB.target(pg));
        StatementDeltas deltas = new StatementDeltas();
        forgetOurStatements(pg);
        workload(pg, 3, 0);
        deltas.add(reader.top());
        // what eviction at pg_stat_statements.max does: the entry is gone from the view
        pg.execute(DB.name(pg), "SELECT pg_stat_statements_reset(userid, dbid, queryid) FROM pg_stat_statements"
                + " WHERE query LIKE '%slow_report%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        StatementsRead without = reader.top();
        assertThat(inOurDatabase(pg, without)).noneMatch(s -> s.query().contains("slow_report"));
        deltas.add(without);
        workload(pg, 2, 0);
        deltas.add(reader.top());

        List<StatementRates> rates = deltas.rates(StatementWindow.LAST_MINUTE);
        assertThat(rates).allSatisfy(StatementsReaderTest::noNegativeFigure);
        StatementRates slow = rates.stream().filter(r -> DB.name(pg).equals(r.statement().database())
                && r.statement().query().contains("slow_report")).findFirst().orElseThrow();
        assertThat(slow.calls()).as("the calls since it came back").isEqualTo(2.0);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void withoutTheExtensionActiveQueriesAreGroupedFromActivity(TestPostgres pg) throws Exception {
        ConnectionProfile bare = pg.freshDatabase();
        pg.execute(bare.database(), "DROP EXTENSION pg_stat_statements");
        try (Target target = pg.openTarget(bare); Connection a = pg.connect(bare.database());
             Connection b = pg.connect(bare.database())) {
            Capabilities caps = target.capabilities();
            assertThat(caps.statementsUsable()).isFalse();
            assertThat(caps.hint(Capabilities.Feature.STATEMENTS)).contains(
                    "pg_stat_statements is preloaded but not created in this database: run CREATE EXTENSION pg_stat_statements.");
            Future<?> first = PLANTERS.submit(() -> sleep(a, "SELECT pg_sleep(30) /* nightly */, 42"));
            Future<?> second = PLANTERS.submit(() -> sleep(b, "SELECT pg_sleep(30)  /* nightly */, 7"));
            ActivityReader activity = new ActivityReader(target);
            List<ActiveQueryGroup> groups = await("both sleepers grouped as one query").atMost(WAIT).until(
                    () -> ActiveQueryGroup.of(activity.backends()).stream()
                            .filter(g -> bare.database().equals(g.database())).toList(),
                    g -> g.size() == 1 && g.get(0).running() == 2);
            assertThat(groups.get(0).normalizedQuery()).isEqualTo("SELECT pg_sleep(?) /* nightly */, ?");
            assertThat(groups.get(0).oldest()).isGreaterThanOrEqualTo(Duration.ZERO);
            pg.execute(bare.database(), "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%nightly%'"
                    + " AND pid <> pg_backend_pid()");
            awaitQuietly(first);
            awaitQuietly(second);
        }
    }

    /** A server upgraded without ALTER EXTENSION ... UPDATE keeps the old view: total_time, no planning. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anExtensionLeftAtAnOldVersionIsReadByItsOwnColumns(TestPostgres pg) throws Exception {
        ConnectionProfile old = pg.freshDatabase();
        pg.execute(old.database(), "DROP EXTENSION pg_stat_statements",
                "CREATE EXTENSION pg_stat_statements VERSION '1.7'");
        try (Target target = pg.openTarget(old)) {
            assertThat(target.capabilities().extensionVersion(Capabilities.PG_STAT_STATEMENTS)).contains("1.7");
            pg.execute(old.database(), "SELECT pg_sleep(0.02) AS old_extension");
            StatementStats seen = new StatementsReader(target).top().statements().stream()
                    .filter(s -> s.query() != null && s.query().contains("old_extension")).findFirst().orElseThrow();
            assertThat(seen.calls()).isEqualTo(1);
            assertThat(seen.totalExecMillis()).isGreaterThanOrEqualTo(20.0);
            assertThat(seen.maxExecMillis()).isGreaterThanOrEqualTo(20.0);
            assertThat(seen.plans()).isZero();
            assertThat(seen.key().toplevel()).isTrue();
        }
    }

    /**
     * pg_stat_statements records no application_name: pgdeck's statements are told apart by the
     * comment they end with, which the server keeps in the entry's text (a leading one PG18 drops).
     */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pgdecksOwnStatementsAreRecognisedByTheTextTheServerKept(TestPostgres pg) throws Exception {
        StatementsReader reader = freshReaderAfter(pg, 1, 5);
        reader.top();
        List<StatementStats> ours = inOurDatabase(pg, reader.top());

        StatementStats read = withText(ours, "pg_stat_statements\"(false)");
        assertThat(read.own()).isTrue();
        assertThat(read.query()).endsWith(" /* pgdeck */");
        assertThat(ours).filteredOn(s -> s.query().contains("set_config")).isNotEmpty().allMatch(StatementStats::own);
        assertThat(ours).filteredOn(s -> s.query().contains("slow_report") || s.query().contains("FROM items"))
                .hasSize(2).noneMatch(StatementStats::own);
    }

    /** The second read gets from the server only what ran since the first; the rest is the reader's copy, unchanged. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anEntryThatDidNotRunKeepsItsFiguresAndOneThatRanIsReadAgain(TestPostgres pg) throws Exception {
        StatementsReader reader = freshReaderAfter(pg, 2, 10);
        StatementStats slowBefore = withText(inOurDatabase(pg, reader.top()), "slow_report");
        workload(pg, 0, 7);
        List<StatementStats> second = inOurDatabase(pg, reader.top());

        assertThat(withText(second, "slow_report")).isEqualTo(slowBefore);
        StatementStats cheap = withText(second, "FROM items");
        assertThat(cheap.calls()).isEqualTo(17);
        assertThat(cheap.user()).isEqualTo("postgres");
        assertThat(cheap.database()).isEqualTo(DB.name(pg));
    }

    static void noNegativeFigure(StatementRates r) {
        for (double v : new double[] {r.calls(), r.totalMillis(), r.callsPerSecond(), r.millisPerSecond(), r.meanMillis(),
                r.maxMillis(), r.rowsPerCall(), r.blocksHitPerSecond(), r.blocksReadPerSecond(),
                r.tempBlocksWrittenPerSecond()}) {
            assertThat(Double.isNaN(v) || (v >= 0 && Double.isFinite(v))).as("%s in %s", v, r).isTrue();
        }
    }

    /** A reader that has read nothing, after a workload alone in the database's entries. */
    private static StatementsReader freshReaderAfter(TestPostgres pg, int slow, int cheap) throws SQLException {
        forgetOurStatements(pg);
        workload(pg, slow, cheap);
        return new StatementsReader(DB.target(pg));
    }

    private static StatementStats withText(List<StatementStats> statements, String text) {
        return statements.stream().filter(s -> s.query().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + text + " in " + statements));
    }

    private static List<StatementStats> inOurDatabase(TestPostgres pg, StatementsRead read) {
        return read.statements().stream().filter(s -> DB.name(pg).equals(s.database())).toList();
    }

    /** The tests share a database: each starts from no entries of it (0 = any role, any query). */
    private static void forgetOurStatements(TestPostgres pg) {
        pg.execute(DB.name(pg), "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()), 0)");
    }

    private static void workload(TestPostgres pg, int slow, int cheap) throws SQLException {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement(CHEAP)) {
            for (int i = 0; i < slow; i++) {
                st.execute(SLOW);
            }
            for (int i = 0; i < cheap; i++) {
                ps.setInt(1, 1 + i % 1000);
                ps.executeQuery().close();
            }
        }
    }

    private static Void sleep(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // cancelled on purpose
        }
    }
}
