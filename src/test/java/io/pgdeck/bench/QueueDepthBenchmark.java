package io.pgdeck.bench;

import io.pgdeck.queue.DepthSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One refresh of the queues screen (depths, then throughput) on the seed's {@code job_queue}
 * with {@code -Dbench.rows} rows (10 million by default) and the eleven indexes guide 001
 * gives it, mostly completed as a queue that keeps its history: server time per call from
 * pg_stat_statements ({@link DepthReadCost}), and the heaviest statements. The table is built
 * once into the kept server ({@link KeptPostgres}) and measured by every later run. Prints
 * figures, asserts nothing: {@code mvn verify -Pbench -Dtest=QueueDepthBenchmark}.
 */
@Tag("bench")
class QueueDepthBenchmark {

    private static final int CALLS = 20;

    @Test
    void serverTimePerQueueRefresh() throws Exception {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        String database = "seed_" + rows;
        try (KeptPostgres pg = new KeptPostgres()) {
            if (!pg.built(database)) {
                long t0 = System.nanoTime();
                build(pg, database, rows);
                System.out.printf(Locale.ROOT, "queue depth benchmark: %,d jobs built in %.0f s%n", rows,
                        (System.nanoTime() - t0) / 1e9);
            }
            for (DepthReadCost.Figures f : new DepthReadCost(pg, database, "pgdeck_qbench", CALLS)
                    .measure(DepthSettings.DEFAULTS)) {
                System.out.printf(Locale.ROOT, "queue depth benchmark: %,d jobs: %s%n", rows, f.line());
                f.heaviest().forEach(h -> System.out.println("queue depth benchmark:     " + h));
                f.read().forEach(r -> System.out.println("queue depth benchmark:   read " + r));
            }
        }
    }

    /**
     * Every 1,000th job pending (one in ten of them due later), every 5,000th processing, every
     * 200th failed with retry_count 0 to 3 in turn (so a quarter is at the seed's limit), the rest
     * completed over the last week: in four statements, then the guide's indexes.
     */
    private static void build(KeptPostgres pg, String database, long rows) throws Exception {
        pg.create(database);
        try (Connection c = pg.connect(database); Statement st = c.createStatement()) {
            st.execute(tableOnly());
            for (long from = 1; from <= rows; from += 2_500_000) {
                long to = Math.min(rows, from + 2_499_999);
                st.execute("INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, status, retry_count,"
                        + " error_message, scheduled_for, started_at, completed_at, created_at, updated_at)"
                        + " SELECT md5(g::text)::uuid, (ARRAY['sync_youtube','sync_tiktok','transcode_video'])[1 + g % 3], g % 10,"
                        + " CASE WHEN g % 1000 = 0 THEN 'pending' WHEN g % 5000 = 1 THEN 'processing'"
                        + " WHEN g % 200 = 3 THEN 'failed' ELSE 'completed' END, CASE WHEN g % 200 = 3 THEN (g / 200) % 4 ELSE 0 END,"
                        + " CASE WHEN g % 200 = 3 THEN 'quota exceeded' END,"
                        + " now() - (g % 600) * interval '1 second' + CASE WHEN g % 10000 = 0 THEN interval '1 hour' ELSE interval '0' END,"
                        + " CASE WHEN g % 1000 <> 0 THEN now() - (g % 3000) * interval '1 second' END,"
                        + " CASE WHEN g % 1000 <> 0 AND g % 5000 <> 1 THEN now() - (g % 604800) * interval '1 second' END,"
                        + " now() - (g % 604800) * interval '1 second', now() - (g % 604800) * interval '1 second'"
                        + " FROM generate_series(" + from + ", " + to + ") g");
            }
            st.execute("SET maintenance_work_mem = '1GB'");
            st.execute(indexes());
            st.execute("VACUUM ANALYZE streamvibe.job_queue");
        }
        pg.markBuilt(database);
    }

    private static String tableOnly() throws IOException {
        String fixture = fixture();
        return fixture.substring(0, fixture.indexOf("CREATE INDEX"));
    }

    /** The guide's indexes, statistics targets and autovacuum settings, as the fixture has them. */
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
