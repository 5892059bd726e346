package io.pgdeck.bench;

import io.pgdeck.catalog.IndexClassifier;
import io.pgdeck.catalog.IndexDefinition;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.IndexReview;
import io.pgdeck.catalog.IndexUsage;
import io.pgdeck.catalog.TableScans;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the index screen costs the monitored server on a big catalog (10,000 tables, 30,000
 * indexes by default), per tier: the usage counters read every refresh, the table scans and the
 * definitions and sizes every 30th (Session's SIZE_EVERY). Server time from pg_stat_statements for a role only
 * the benchmark uses. Prints figures, asserts nothing: {@code mvn verify -Pbench -Dtest=IndexReaderBenchmark};
 * {@code -Dbench.tables=N} changes the catalog size.
 */
@Tag("bench")
class IndexReaderBenchmark {

    private static final int FAST_REFRESHES = 100;
    private static final int SCAN_REFRESHES = 20;
    private static final int SLOW_REFRESHES = 10;

    @Test
    void serverTimePerRefreshByTier() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile admin = pg.freshDatabase();
        int tables = Integer.getInteger("bench.tables", 10_000);
        long t0 = System.nanoTime();
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE pgdeck_bench LOGIN IN ROLE pg_monitor");
            // a few hundred tables per transaction: all 10,000 in one run out of lock slots
            for (int from = 1; from <= tables; from += 200) {
                st.execute("DO $$ BEGIN FOR i IN " + from + ".." + Math.min(tables, from + 199) + " LOOP EXECUTE format("
                        + "'CREATE TABLE bench_%1$s (id bigint PRIMARY KEY, a int, b int);"
                        + " CREATE INDEX bench_%1$s_a ON bench_%1$s (a); CREATE INDEX bench_%1$s_a_b ON bench_%1$s (a, b)', i);"
                        + " END LOOP; END $$");
            }
        }
        System.out.printf(Locale.ROOT, "index reader benchmark: created %d tables with %d indexes in %.0f s%n",
                tables, tables * 3, (System.nanoTime() - t0) / 1e9);
        ConnectionProfile bench = new ConnectionProfile(null, "localhost", pg.port(), admin.database(), "pgdeck_bench",
                null, "disable");
        try (Target target = Target.open(bench, TargetOptions.defaults())) {
            IndexReader reader = new IndexReader(target);
            for (int i = 0; i < 5; i++) { // warm the pool's connections and caches, as a running console has them
                reader.usage();
                reader.tableScans();
                reader.definitions();
            }
            resetStatements(pg, admin);
            long fastWall = wall(() -> reader.usage(), FAST_REFRESHES);
            double fast = serverMillis(pg, admin) / FAST_REFRESHES;
            resetStatements(pg, admin);
            long scanWall = wall(() -> reader.tableScans(), SCAN_REFRESHES);
            double scans = serverMillis(pg, admin) / SCAN_REFRESHES;
            resetStatements(pg, admin);
            long slowWall = wall(() -> reader.definitions(), SLOW_REFRESHES);
            double slow = serverMillis(pg, admin) / SLOW_REFRESHES;

            List<IndexDefinition> definitions = reader.definitions();
            IndexUsage usage = reader.usage();
            List<TableScans> tableScans = reader.tableScans();
            long c0 = System.nanoTime();
            IndexReview review = null;
            for (int i = 0; i < 10; i++) {
                review = IndexClassifier.review(definitions, usage, tableScans);
            }
            double classify = (System.nanoTime() - c0) / 1e6 / 10;

            double perSecond = fast + (scans + slow) / 30;
            System.out.printf(Locale.ROOT, "index reader (%d indexes): fast tier (usage counters, every refresh) %.2f ms server"
                            + " / %.2f ms wall; table scans (every 30th) %.2f ms server / %.2f ms wall;"
                            + " slow tier (definitions and sizes, every 30th) %.1f ms server / %.1f ms wall;"
                            + " at 1 s refresh %.2f ms server time per second (%.2f %% of one core);"
                            + " classifying on the client %.1f ms (%d redundant flagged)%n",
                    definitions.size(), fast, fastWall / 1e6 / FAST_REFRESHES, scans, scanWall / 1e6 / SCAN_REFRESHES,
                    slow, slowWall / 1e6 / SLOW_REFRESHES, perSecond, perSecond / 10.0, classify,
                    review.flagged(io.pgdeck.catalog.IndexFlag.REDUNDANT).size());
        }
    }

    private static long wall(Runnable refresh, int times) {
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            refresh.run();
        }
        return System.nanoTime() - t0;
    }

    private static double serverMillis(TestPostgres pg, ConnectionProfile admin) throws Exception {
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(total_exec_time + total_plan_time), 0)"
                     + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'pgdeck_bench'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static void resetStatements(TestPostgres pg, ConnectionProfile admin) throws Exception {
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }
}
