package io.pgdeck.bench;

import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.catalog.StatementsReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What reading the top statements every second costs the server, with pg_stat_statements nearly
 * full: server time from pg_stat_statements itself and the CPU the reading backends used (from
 * /proc: the embedded server runs on this machine), for a role only this benchmark uses. Prints
 * figures, asserts nothing: {@code mvn test -Pbench -Dtest=StatementsReadCostBenchmark}.
 * {@code -Dbench.statements=5000} sets how many distinct statements are planted first.
 */
@Tag("bench")
class StatementsReadCostBenchmark {

    private static final int READS = 100;
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void serverTimePerRead(TestPostgres pg) throws Exception {
        ConnectionProfile admin = pg.freshDatabase();
        int tables = Integer.getInteger("bench.statements", 5000) / 2;
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
        long cpuTicks;
        int rows;
        try (Target target = Target.open(bench, TargetOptions.defaults())) {
            StatementsReader reader = new StatementsReader(target);
            for (int i = 0; i < 10; i++) { // warm the pool and the text cache, as a running console has them
                reader.top();
            }
            List<Long> pids = backends(pg, admin.database());
            long cpu0 = cpuTicks(pids);
            long t0 = System.nanoTime();
            StatementsRead last = null;
            for (int i = 0; i < READS; i++) {
                last = reader.top();
            }
            wallNanos = System.nanoTime() - t0;
            cpuTicks = cpuTicks(pids) - cpu0;
            rows = last.statements().size();
        }
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(total_exec_time), sum(total_plan_time), sum(calls),"
                     + " (SELECT count(*) FROM pg_stat_statements)"
                     + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                     + " WHERE r.rolname = 'pgdeck_stmt_bench' AND s.query NOT LIKE 'SET %'")) {
            rs.next();
            double cpuMillisPerRead = cpuTicks * 1000.0 / TICKS_PER_SECOND / READS;
            System.out.printf(Locale.ROOT, "%s: statements read (%d entries in pg_stat_statements, top %d read):"
                            + " %.3f ms server time per read (%.3f exec + %.3f plan, %.1f statements),"
                            + " %.1f ms backend CPU per read, %.3f ms wall per read on the client;"
                            + " at 1 s refresh %.2f %% of one core%n",
                    pg, rs.getLong(4), rows, (rs.getDouble(1) + rs.getDouble(2)) / READS, rs.getDouble(1) / READS,
                    rs.getDouble(2) / READS, rs.getDouble(3) / READS, cpuMillisPerRead, wallNanos / 1e6 / READS,
                    cpuMillisPerRead / 10.0);
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

    /** The benchmark role's server processes: its pool, opened by the warm-up reads. */
    private static List<Long> backends(TestPostgres pg, String database) throws Exception {
        List<Long> pids = new ArrayList<>();
        try (Connection c = pg.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE usename = 'pgdeck_stmt_bench'")) {
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
        }
        return pids;
    }

    /** utime + stime of the processes, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks;
    }
}
