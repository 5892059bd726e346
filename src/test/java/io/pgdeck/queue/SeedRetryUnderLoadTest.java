package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bulk retry of 10,000 failed jobs of the seed schema, in batches, while three workers take
 * pending jobs with FOR UPDATE SKIP LOCKED and record every run: afterwards every job ran
 * exactly once and none is left behind.
 */
class SeedRetryUnderLoadTest {

    private static final int JOBS = 10_000;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void everyRetriedJobRunsExactlyOnce(TestPostgres pg) throws Exception {
        try (QueueFixture f = QueueFixture.load(pg, "seed_job_queue.sql")) {
            f.execute("DELETE FROM streamvibe.job_queue");
            f.execute("CREATE TABLE streamvibe.runs (job_id uuid NOT NULL, worker int NOT NULL)");
            f.execute("INSERT INTO streamvibe.job_queue (user_id, job_type, status, retry_count, error_message, completed_at)"
                    + " SELECT gen_random_uuid(), 'sync_youtube', 'failed', g % 3, 'quota exceeded', now()"
                    + " FROM generate_series(1, " + JOBS + ") g; ANALYZE streamvibe.job_queue");
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            long matching = seed.count(f.db(), JobFilter.all().withState(SharedState.RETRYABLE), 100_000).value();
            assertThat(matching).isEqualTo(JOBS);

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService workers = Executors.newFixedThreadPool(3);
            List<Future<Integer>> ran = new ArrayList<>();
            for (int w = 1; w <= 3; w++) {
                int worker = w;
                ran.add(workers.submit(() -> work(f, worker, stop)));
            }
            try {
                ActionResult result = f.run(seed.retryMatching(JobFilter.all().withState(SharedState.RETRYABLE), matching)
                        .orElseThrow());
                assertThat(result.message()).isEqualTo("10,000 jobs back to pending.");
                assertThat(seed.retryMatching(JobFilter.all(), matching).orElseThrow().plan().statements())
                        .hasSize(JOBS / JobActions.BATCH + 1);
                await("the workers finished every job").atMost(PATIENCE).until(
                        () -> f.value("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'completed'"),
                        n -> ((Long) n) == JOBS);
            } finally {
                stop.set(true);
                workers.shutdown();
                workers.awaitTermination(1, TimeUnit.MINUTES);
            }
            int total = 0;
            for (Future<Integer> r : ran) {
                total += r.get();
            }
            assertThat(total).isEqualTo(JOBS);
            assertThat(f.value("SELECT count(*) FROM streamvibe.runs")).isEqualTo((long) JOBS);
            assertThat(f.value("SELECT count(DISTINCT job_id) FROM streamvibe.runs")).isEqualTo((long) JOBS);
            assertThat(f.value("SELECT count(*) FROM streamvibe.job_queue WHERE status <> 'completed'")).isEqualTo(0L);
            ActionResult again = f.run(seed.retryMatching(JobFilter.all(), matching).orElseThrow());
            assertThat(again.message()).startsWith("No job changed");
        }
    }

    /** Takes up to 50 pending jobs at a time, as the seed's workers do, until told to stop. */
    private static int work(QueueFixture f, int worker, AtomicBoolean stop) throws SQLException {
        int done = 0;
        try (Connection c = f.connect(); Statement st = c.createStatement()) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!stop.get() && System.nanoTime() < deadline) {
                c.setAutoCommit(false);
                List<String> taken = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("UPDATE streamvibe.job_queue SET status = 'processing',"
                        + " started_at = now(), worker_id = 'w" + worker + "' WHERE id IN (SELECT id FROM streamvibe.job_queue"
                        + " WHERE status = 'pending' AND scheduled_for <= now() LIMIT 50 FOR UPDATE SKIP LOCKED) RETURNING id")) {
                    while (rs.next()) {
                        taken.add(rs.getString(1));
                    }
                }
                c.commit();
                if (taken.isEmpty()) {
                    c.setAutoCommit(true);
                    st.execute("SELECT pg_sleep(0.02)");
                    continue;
                }
                String ids = "'{" + String.join(",", taken) + "}'::uuid[]";
                st.executeUpdate("INSERT INTO streamvibe.runs SELECT unnest(" + ids + "), " + worker);
                int finished = st.executeUpdate("UPDATE streamvibe.job_queue SET status = 'completed', completed_at = now()"
                        + " WHERE id = ANY(" + ids + ") AND status = 'processing'");
                c.commit();
                done += finished;
            }
        }
        return done;
    }
}
