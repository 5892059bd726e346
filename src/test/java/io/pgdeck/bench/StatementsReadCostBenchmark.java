package io.pgdeck.bench;

import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.catalog.StatementsReader;
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
 * What reading the top statements every second costs the server, with pg_stat_statements nearly
 * full: server time from pg_stat_statements itself, for a role only this benchmark uses. Prints
 * figures, asserts nothing: {@code mvn verify -Pbench -Dtest=StatementsReadCostBenchmark}.
 * {@code -Dbench.statements=4000} sets how many distinct statements are planted first.
 */
@Tag("bench")
class StatementsReadCostBenchmark {

    private static final int READS = 100;

    @Test
    void serverTimePerRead() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile admin = pg.freshDatabase();
        int tables = Integer.getInteger("bench.statements", 4000) / 2;
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgdeck_stmt_bench')"
                    + " THEN CREATE ROLE pgdeck_stmt_bench LOGIN IN ROLE pg_monitor; END IF; END $$");
            st.execute("SELECT pg_stat_statements_reset()");
            // one CREATE and one SELECT per table: two distinct entries each (track = all counts nested ones)
            for (int from = 1; from <= tables; from += 250) {
                st.execute("DO $$ BEGIN FOR i IN " + from + ".." + Math.min(tables, from + 249) + " LOOP"
                        + " EXECUTE format('CREATE TABLE bench_%s (id bigint PRIMARY KEY, v text)', i);"
                        + " EXECUTE format('SELECT count(*) FROM bench_%s', i); END LOOP; END $$");
            }
        }
        ConnectionProfile bench = new ConnectionProfile(null, "localhost", pg.port(), admin.database(),
                "pgdeck_stmt_bench", null, "disable");
        long wallNanos;
        int rows;
        try (Target target = Target.open(bench, TargetOptions.defaults())) {
            StatementsReader reader = new StatementsReader(target);
            for (int i = 0; i < 10; i++) { // warm the pool, as a running console has it
                reader.top();
            }
            long t0 = System.nanoTime();
            StatementsRead last = null;
            for (int i = 0; i < READS; i++) {
                last = reader.top();
            }
            wallNanos = System.nanoTime() - t0;
            rows = last.statements().size();
        }
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(total_exec_time), sum(total_plan_time), sum(calls),"
                     + " (SELECT count(*) FROM pg_stat_statements)"
                     + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                     + " WHERE r.rolname = 'pgdeck_stmt_bench' AND s.query NOT LIKE 'SET %'")) {
            rs.next();
            System.out.printf(Locale.ROOT, "statements read (%d entries in pg_stat_statements, top %d read):"
                            + " %.3f ms server time per read (%.3f exec + %.3f plan, %.1f statements),"
                            + " %.3f ms wall per read on the client; at 1 s refresh %.2f %% of one core%n",
                    rs.getLong(4), rows, (rs.getDouble(1) + rs.getDouble(2)) / READS, rs.getDouble(1) / READS,
                    rs.getDouble(2) / READS, rs.getDouble(3) / READS, wallNanos / 1e6 / READS,
                    (rs.getDouble(1) + rs.getDouble(2)) / READS / 10.0);
        }
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT calls, mean_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 90)"
                     + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                     + " WHERE r.rolname = 'pgdeck_stmt_bench' ORDER BY total_exec_time DESC LIMIT 5")) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "  %5d calls, mean %.3f ms: %s%n", rs.getLong(1), rs.getDouble(2),
                        rs.getString(3));
            }
        }
    }
}
