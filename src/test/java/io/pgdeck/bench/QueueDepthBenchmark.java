package io.pgdeck.bench;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueDepth;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.queue.QueueReading;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One refresh of the queues screen on a {@code job_queue} of the seed's shape with
 * {@code -Dbench.jobs} rows (10 million by default), mostly completed as a queue that keeps its
 * history: server time from pg_stat_statements for a role only pgdeck uses, and wall time.
 * Prints figures, asserts nothing: run with {@code mvn verify -Pbench -Dtest=QueueDepthBenchmark}.
 */
@Tag("bench")
class QueueDepthBenchmark {

    private static final int REFRESHES = 30;

    @Test
    void serverTimePerQueueRefresh() throws Exception {
        long jobs = Long.getLong("bench.jobs", 10_000_000L);
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile admin = pg.freshDatabase();
        long t0 = System.nanoTime();
        try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
            st.execute(tableOnly());
            // In a few statements: every 1,000th job still pending, every 5,000th processing,
            // every 200th failed, the rest completed over the last week.
            for (long from = 1; from <= jobs; from += 2_500_000) {
                long to = Math.min(jobs, from + 2_499_999);
                st.execute("INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, status, retry_count,"
                        + " error_message, scheduled_for, started_at, completed_at, created_at)"
                        + " SELECT md5(g::text)::uuid, (ARRAY['sync_youtube','sync_tiktok','transcode_video'])[1 + g % 3], g % 10,"
                        + " CASE WHEN g % 1000 = 0 THEN 'pending' WHEN g % 5000 = 1 THEN 'processing'"
                        + " WHEN g % 200 = 3 THEN 'failed' ELSE 'completed' END, g % 4,"
                        + " CASE WHEN g % 200 = 3 THEN 'quota exceeded' END,"
                        + " now() - (g % 600) * interval '1 second', now() - (g % 3000) * interval '1 second',"
                        + " CASE WHEN g % 1000 <> 0 AND g % 5000 <> 1 THEN now() - (g % 604800) * interval '1 second' END,"
                        + " now() - (g % 604800) * interval '1 second'"
                        + " FROM generate_series(" + from + ", " + to + ") g");
            }
            st.execute(indexes());
            st.execute("VACUUM ANALYZE streamvibe.job_queue");
            st.execute("CREATE ROLE pgdeck_qbench LOGIN IN ROLE pg_monitor");
            st.execute("GRANT USAGE ON SCHEMA streamvibe TO pgdeck_qbench");
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA streamvibe TO pgdeck_qbench");
        }
        System.out.printf(Locale.ROOT, "queue depth benchmark: %,d jobs built in %.0f s%n", jobs,
                (System.nanoTime() - t0) / 1e9);
        ConnectionProfile bench = new ConnectionProfile(null, "localhost", pg.port(), admin.database(), "pgdeck_qbench",
                null, "disable");
        try (Target target = Target.open(bench, TargetOptions.defaults())) {
            QueueMonitor monitor = new QueueMonitor(target, List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
            for (int i = 0; i < 5; i++) {
                monitor.read(); // warm the pool's connections and the detection
            }
            try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_statements_reset()");
            }
            long[] wall = new long[REFRESHES];
            QueueReading last = null;
            for (int i = 0; i < REFRESHES; i++) {
                long s = System.nanoTime();
                last = monitor.read();
                wall[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(wall);
            double serverMs;
            long calls;
            try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT sum(total_exec_time), sum(calls) FROM pg_stat_statements s"
                         + " JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'pgdeck_qbench'")) {
                rs.next();
                serverMs = rs.getDouble(1);
                calls = rs.getLong(2);
            }
            try (Connection c = pg.connect(admin.database()); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT total_exec_time / calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
                         + " FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'pgdeck_qbench'"
                         + " ORDER BY total_exec_time DESC LIMIT 5")) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "queue depth benchmark:   %.2f ms  %s%n", rs.getDouble(1), rs.getString(2));
                }
            }
            QueueDepth d = last.queues().get(0).depth();
            System.out.printf(Locale.ROOT, "queue depth benchmark: %,d jobs, %d refreshes (depth + throughput, detection"
                            + " every %d): server %.1f ms per refresh in %d statements; wall median %.1f ms, max %.1f ms%n",
                    jobs, REFRESHES, 60, serverMs / REFRESHES, calls / REFRESHES, wall[REFRESHES / 2] / 1e6,
                    wall[REFRESHES - 1] / 1e6);
            System.out.println("queue depth benchmark: last reading " + d.byState() + ", oldest waiting "
                    + d.oldestWaiting() + ", stuck " + d.stuck() + ", expired " + d.expired() + "; problems "
                    + last.problems());
        }
    }

    private static String tableOnly() throws IOException {
        String fixture = fixture();
        return fixture.substring(0, fixture.indexOf("CREATE INDEX"));
    }

    private static String indexes() throws IOException {
        String fixture = fixture();
        return fixture.substring(fixture.indexOf("CREATE INDEX"), fixture.indexOf("-- pending, due"));
    }

    private static String fixture() throws IOException {
        try (InputStream in = QueueDepthBenchmark.class.getResourceAsStream("/io/pgdeck/queue/seed_job_queue.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
