package io.pgdeck.bench;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one refresh of the overview and connections screens costs the monitored server, read
 * from pg_stat_statements for a role only pgdeck uses (pg_stat_statements has no
 * application_name, its userid tells pgdeck's statements apart). Prints figures, asserts nothing:
 * run with {@code mvn verify -Pbench}. {@code -Dbench.tables=10000} grows the catalog first.
 */
@Tag("bench")
class RefreshCostBenchmark {

    private static final int REFRESHES = 200;
    private static final int SIZE_EVERY = 30;

    @Test
    void serverTimePerRefresh() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile admin = pg.freshDatabase();
        int tables = Integer.getInteger("bench.tables", 0);
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE pgdeck_bench LOGIN IN ROLE pg_monitor");
            // in batches: one transaction creating 10,000 tables runs out of lock slots
            for (int from = 1; from <= tables; from += 250) {
                st.execute("DO $$ BEGIN FOR i IN " + from + ".." + Math.min(tables, from + 249) + " LOOP EXECUTE format("
                        + "'CREATE TABLE bench_%s (id bigint PRIMARY KEY, v text)', i); END LOOP; END $$");
            }
            st.execute("SELECT pg_stat_statements_reset()");
        }
        ConnectionProfile bench = new ConnectionProfile(null, "localhost", pg.port(), admin.database(), "pgdeck_bench",
                null, "disable");
        long wallNanos;
        try (Target target = Target.open(bench, TargetOptions.defaults())) {
            ServerReader server = new ServerReader(target);
            ActivityReader activity = new ActivityReader(target);
            for (int i = 0; i < 20; i++) { // warm the pool's connections, as a running console has them
                server.databaseStats();
                activity.backends();
            }
            resetStatements(pg, admin);
            long t0 = System.nanoTime();
            for (int i = 0; i < REFRESHES; i++) {
                server.databaseStats();
                activity.backends();
                if (i % 10 == 0) {
                    server.info();
                }
                if (i % SIZE_EVERY == 0) {
                    server.databaseSizes();
                }
            }
            wallNanos = System.nanoTime() - t0;
        }
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(total_exec_time), sum(total_plan_time), sum(calls)"
                     + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'pgdeck_bench'")) {
            rs.next();
            double exec = rs.getDouble(1);
            double plan = rs.getDouble(2);
            long calls = rs.getLong(3);
            System.out.printf(Locale.ROOT, "refresh cost (%d user tables): %.3f ms server time per refresh"
                            + " (%.3f exec + %.3f plan, %.1f statements), %.3f ms wall per refresh on the client;"
                            + " at 1 s refresh that is %.2f %% of one core%n",
                    tables, (exec + plan) / REFRESHES, exec / REFRESHES, plan / REFRESHES, (double) calls / REFRESHES,
                    wallNanos / 1e6 / REFRESHES, (exec + plan) / REFRESHES / 10.0);
        }
    }

    private static void resetStatements(TestPostgres pg, ConnectionProfile admin) throws Exception {
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }
}
