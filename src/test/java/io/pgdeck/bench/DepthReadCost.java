package io.pgdeck.bench;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueAdapter;
import io.pgdeck.queue.QueueDepth;
import io.pgdeck.queue.QueueLibraries;
import io.pgdeck.queue.QueueThroughput;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What reading queue depths costs the server: pg_stat_statements' {@code total_exec_time} summed
 * over a role only these reads use, as a delta around {@code times} calls (EXPLAINs included:
 * each is a statement of its own), divided by the calls. Wall time beside it, the client's.
 */
final class DepthReadCost {

    static final Duration WINDOW = Duration.ofMinutes(5);

    /** One installation's figures: server ms per depths() call, per throughput() call, and the heaviest statements. */
    record Figures(String installation, double depthsMs, double throughputMs, double wallMs, List<String> heaviest,
            List<String> read, List<String> finished) {

        double refreshMs() {
            return depthsMs + throughputMs;
        }

        String line() {
            return String.format(Locale.ROOT, "%-32s refresh %7.1f ms server (depths %7.1f, throughput %6.1f), wall %7.1f ms",
                    installation, refreshMs(), depthsMs, throughputMs, wallMs);
        }
    }

    private final KeptPostgres pg;
    private final String database;
    private final String role;
    private final int times;

    DepthReadCost(KeptPostgres pg, String database, String role, int times) {
        this.pg = pg;
        this.database = database;
        this.role = role;
        this.times = times;
    }

    /** Every installation detected in the database, measured one after the other. */
    List<Figures> measure(DepthSettings settings) throws SQLException {
        ConnectionProfile reader = pg.reader(database, role);
        List<Figures> all = new ArrayList<>();
        try (Target target = Target.open(reader, TargetOptions.defaults())) {
            for (QueueAdapter adapter : QueueLibraries.detect(target.db(), QueueLibraries.with(List.of()))) {
                for (int i = 0; i < 3; i++) { // warm the pool's connections and the caches, as a running console has them
                    adapter.depths(target.db(), settings);
                    adapter.throughput(target.db(), WINDOW);
                }
                reset();
                long t0 = System.nanoTime();
                List<QueueDepth> read = List.of();
                for (int i = 0; i < times; i++) {
                    read = adapter.depths(target.db(), settings);
                }
                long wall = System.nanoTime() - t0;
                double depthsMs = serverMs() / times;
                List<String> heaviest = heaviest();
                reset();
                t0 = System.nanoTime();
                List<QueueThroughput> finished = List.of();
                for (int i = 0; i < times; i++) {
                    finished = adapter.throughput(target.db(), WINDOW);
                }
                wall += System.nanoTime() - t0;
                double throughput = serverMs() / times;
                heaviest = new ArrayList<>(heaviest);
                heaviest.addAll(heaviest());
                all.add(new Figures(adapter.library() + " (" + adapter.schema() + ")", depthsMs, throughput,
                        wall / 1e6 / times, heaviest, read.stream().map(d -> d.queue().name() + ": "
                                + d.byLibraryState() + ", oldest " + d.oldestWaiting() + ", stuck " + d.stuck()
                                + ", expired " + d.expired()).toList(), finished.stream().map(t -> t.queue().name()
                                + ": done " + t.done() + ", failed " + t.failed()).toList()));
            }
        }
        return all;
    }

    private void reset() throws SQLException {
        try (Connection c = pg.connect(database); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private double serverMs() throws SQLException {
        try (Connection c = pg.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements s"
                     + " JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = '" + role + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** The three statements that took most, per call, shortened. */
    private List<String> heaviest() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = pg.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT total_exec_time / " + times + ", calls,"
                     + " left(regexp_replace(query, '\\s+', ' ', 'g'), 220) FROM pg_stat_statements s"
                     + " JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = '" + role + "'"
                     + " ORDER BY total_exec_time DESC LIMIT 3")) {
            while (rs.next()) {
                lines.add(String.format(Locale.ROOT, "%7.2f ms/refresh (%d calls) %s", rs.getDouble(1), rs.getLong(2),
                        rs.getString(3)));
            }
        }
        return lines;
    }
}
