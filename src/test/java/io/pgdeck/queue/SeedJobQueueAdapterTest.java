package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SeedJobQueueAdapterTest {

    private static final String FIXTURE = "seed_job_queue.sql";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void findsTheSeedQueueInItsSchemaAndCountsEveryState(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            List<SeedJobQueueAdapter> found = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT);
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("streamvibe");
            SeedJobQueueAdapter seed = found.get(0);

            List<QueueDepth> depths = seed.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).hasSize(1);
            QueueDepth d = depths.get(0);
            assertThat(d.queue()).isEqualTo(new QueueRef("job_queue", "streamvibe", "job_queue"));
            assertThat(d.byState()).isEqualTo(Map.of(
                    SharedState.WAITING, Count.exact(3), SharedState.SCHEDULED, Count.exact(2),
                    SharedState.RUNNING, Count.exact(2), SharedState.RETRYABLE, Count.exact(2),
                    SharedState.DEAD, Count.exact(1), SharedState.DONE, Count.exact(4),
                    SharedState.CANCELLED, Count.exact(1)));
            assertThat(d.byLibraryState()).containsExactly(
                    Map.entry("pending", Count.exact(5)), Map.entry("processing", Count.exact(2)),
                    Map.entry("failed", Count.exact(3)), Map.entry("completed", Count.exact(4)),
                    Map.entry("cancelled", Count.exact(1)));
            assertThat(d.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
            assertThat(d.stuck()).isEqualTo(1);
            assertThat(d.expired()).isEqualTo(1);
            assertThat(d.paused()).isFalse();

            QueueThroughput t = seed.throughput(f.db(), Duration.ofMinutes(5)).get(0);
            assertThat(t.done()).isEqualTo(3);
            assertThat(t.failed()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void statesAboveTheExactLimitAreEstimatedByThePlanner(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            f.execute("INSERT INTO streamvibe.job_queue (user_id, job_type, status, completed_at)"
                    + " SELECT gen_random_uuid(), 'sync_youtube', 'completed', now() - interval '1 day'"
                    + " FROM generate_series(1, 5000); ANALYZE streamvibe.job_queue");
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            QueueDepth d = seed.depths(f.db(), new DepthSettings(1000, Duration.ofMinutes(30))).get(0);
            assertThat(d.count(SharedState.DONE).estimated()).isTrue();
            assertThat(d.count(SharedState.DONE).value()).isBetween(4500L, 5500L);
            assertThat(d.count(SharedState.WAITING)).isEqualTo(Count.exact(3));
            assertThat(d.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesByFilterWithKeysetPagesAndShowsEveryRecordedError(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            JobPage first = seed.jobs(f.db(), new JobFilter(null, null, null, null, null, null, 6));
            assertThat(first.jobs()).hasSize(6);
            JobPage second = seed.jobs(f.db(), new JobFilter(null, null, null, null, null, first.next(), 6));
            JobPage third = seed.jobs(f.db(), new JobFilter(null, null, null, null, null, second.next(), 6));
            assertThat(third.jobs()).hasSize(3);
            assertThat(third.hasNext()).isFalse();
            assertThat(first.jobs().get(0).createdAt()).isAfterOrEqualTo(second.jobs().get(0).createdAt());
            assertThatThrownBy(() -> seed.jobs(f.db(), JobFilter.all().after("page 2")))
                    .hasMessage("The page cursor 'page 2' is not one pgdeck wrote.");

            JobPage dead = seed.jobs(f.db(), JobFilter.all().withState(SharedState.DEAD));
            assertThat(dead.jobs()).extracting(Job::id).containsExactly("00000000-0000-0000-0000-00000000000a");
            assertThat(seed.jobs(f.db(), JobFilter.all().withText("quota")).jobs()).extracting(Job::id)
                    .containsExactly("00000000-0000-0000-0000-000000000009");
            assertThat(seed.jobs(f.db(), JobFilter.all().withKind("send_digest_email")).jobs())
                    .allSatisfy(j -> assertThat(j.state()).isEqualTo(SharedState.SCHEDULED)).hasSize(2);
            assertThat(seed.count(f.db(), JobFilter.all().withState(SharedState.RETRYABLE), 100_000))
                    .isEqualTo(Count.exact(2));

            JobDetail detail = seed.job(f.db(), "00000000-0000-0000-0000-000000000009").orElseThrow();
            assertThat(detail.job().libraryState()).isEqualTo("failed");
            assertThat(detail.job().state()).isEqualTo(SharedState.RETRYABLE);
            assertThat(detail.job().attempt()).isEqualTo(2);
            assertThat(detail.errors()).hasSize(2)
                    .allSatisfy(e -> assertThat(e.message()).contains("RATE_LIMIT"));
            assertThat(detail.errors().get(0).at()).isBefore(detail.errors().get(1).at());
            assertThat(seed.job(f.db(), "not-a-uuid")).isEmpty();
        }
    }

    /** Dead jobs too, as River UI and Oban Web retry discarded ones; the confirmation's count is what moves. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryMovesEveryFailedJobAtItsLimitTooAndTwiceChangesNothing(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            assertThat(seed.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(3));
            assertThat(seed.eligible(f.db(), JobOperation.RETRY, JobFilter.all().withState(SharedState.DEAD), 100_000))
                    .isEqualTo(Count.exact(1));
            ActionResult first = f.run(seed.retryMatching(JobFilter.all(), 3).orElseThrow());
            assertThat(first.message()).isEqualTo("3 jobs back to pending.");
            assertThat(f.value("SELECT string_agg(right(id::text, 1), ',' ORDER BY id) FROM streamvibe.job_queue"
                    + " WHERE status = 'pending' AND scheduled_for <= now() AND started_at IS NULL AND worker_id IS NULL"
                    + " AND completed_at IS NULL")).isEqualTo("1,2,3,8,9,a");
            assertThat(f.value("SELECT status || ' ' || retry_count FROM streamvibe.job_queue"
                    + " WHERE id = '00000000-0000-0000-0000-00000000000a'")).isEqualTo("pending 3");
            assertThat(f.value("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'processing'")).isEqualTo(2L);
            assertThat(seed.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.ZERO);

            ActionResult again = f.run(seed.retryMatching(JobFilter.all(), 3).orElseThrow());
            assertThat(again.message()).startsWith("No job changed");

            ActionResult one = f.run(seed.retry(List.of("00000000-0000-0000-0000-00000000000a",
                    "00000000-0000-0000-0000-000000000006")).orElseThrow());
            assertThat(one.message()).startsWith("No job changed");
        }
    }

    /**
     * The guide's own worker pickup after a retry of a dead job and a processing one: the dead job
     * is claimed exactly once, the processing job never, and its row is as it was. The claim is
     * guide 001, "Job Queue Indexes" #2 "Worker Job Pickup (FIFO with Priority)": query pattern
     * {@code WHERE status = 'pending' ORDER BY priority DESC, scheduled_for ASC} on the index
     * {@code (status, scheduled_for, job_priority DESC, id) WHERE status = 'pending'}, so priority is
     * job_priority; the guide gives no lock, FOR UPDATE SKIP LOCKED is what lets workers share it.
     * Then the job fails again and the guide's sweep ("Auto-Retry Failed Jobs":
     * {@code WHERE status = 'failed' AND retry_count < 3}) leaves it: it got one more run, not three.
     */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aRetriedDeadJobIsClaimedOnceByTheGuidesPickupAndAProcessingJobNever(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            String processing = "SELECT status || ' ' || worker_id || ' ' || started_at FROM streamvibe.job_queue"
                    + " WHERE id = '00000000-0000-0000-0000-000000000006'";
            Object before = f.value(processing);
            ActionResult result = f.run(seed.retry(List.of("00000000-0000-0000-0000-00000000000a",
                    "00000000-0000-0000-0000-000000000006")).orElseThrow());
            assertThat(result.message()).isEqualTo("1 job back to pending.");

            List<String> claimed = new java.util.ArrayList<>();
            for (Object id = claim(f); id != null; id = claim(f)) {
                claimed.add(id.toString());
            }
            assertThat(claimed).containsOnlyOnce("00000000-0000-0000-0000-00000000000a")
                    .doesNotContain("00000000-0000-0000-0000-000000000006", "00000000-0000-0000-0000-000000000007")
                    .hasSize(6);
            assertThat(f.value(processing)).isEqualTo(before);

            f.execute("UPDATE streamvibe.job_queue SET status = 'failed', completed_at = now()"
                    + " WHERE id = '00000000-0000-0000-0000-00000000000a'");
            f.execute("UPDATE streamvibe.job_queue SET status = 'pending' WHERE status = 'failed' AND retry_count < 3");
            assertThat(f.value("SELECT status FROM streamvibe.job_queue WHERE id = '00000000-0000-0000-0000-00000000000a'"))
                    .isEqualTo("failed");
            assertThat(seed.depths(f.db(), DepthSettings.DEFAULTS).get(0).count(SharedState.DEAD)).isEqualTo(Count.exact(1));
        }
    }

    /** One run of the guide's worker pickup: the job it took, or null when none is pending. */
    private static Object claim(QueueFixture f) {
        return f.value("UPDATE streamvibe.job_queue SET status = 'processing', started_at = now(), worker_id = 'guide-worker'"
                + " WHERE id = (SELECT id FROM streamvibe.job_queue WHERE status = 'pending'"
                + " ORDER BY job_priority DESC, scheduled_for ASC LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id");
    }

    /** The setting is the limit of a table without max_retries; where the column is there, each job's own wins. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theRetryLimitSettingCountsWhereTheTableHasNoMaxRetries(TestPostgres pg) {
        try (QueueFixture guide = QueueFixture.load(pg, "seed_001_job_queue.sql")) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(guide.db(), 5).get(0);
            QueueDepth d = seed.depths(guide.db(), DepthSettings.DEFAULTS.withRetryLimit(5)).get(0);
            assertThat(d.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(2));
            assertThat(d.count(SharedState.DEAD)).isEqualTo(Count.ZERO);
            assertThat(seed.job(guide.db(), "00000000-0000-0000-0000-000000000004").orElseThrow().job().maxAttempts())
                    .isEqualTo(5);
        }
        try (QueueFixture column = QueueFixture.load(pg, FIXTURE)) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(column.db(), 5).get(0);
            QueueDepth d = seed.depths(column.db(), DepthSettings.DEFAULTS).get(0);
            assertThat(d.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void cancelTouchesOnlyPendingJobs(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);
            ActionResult result = f.run(seed.cancel(List.of("00000000-0000-0000-0000-000000000004",
                    "00000000-0000-0000-0000-000000000007")).orElseThrow());
            assertThat(result.message()).isEqualTo("1 job cancelled.");
            assertThat(f.value("SELECT status FROM streamvibe.job_queue WHERE id = '00000000-0000-0000-0000-000000000004'"))
                    .isEqualTo("cancelled");
            assertThat(f.value("SELECT status FROM streamvibe.job_queue WHERE id = '00000000-0000-0000-0000-000000000007'"))
                    .isEqualTo("processing");
            assertThat(seed.pause("job_queue")).isEmpty();
        }
    }

    /** The table as guide 001 names it: the limit is the guide's 3, errors and the log are simply absent. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void findsAJobQueueShapedAsTheGuideNamesItWithoutMaxRetries(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "seed_001_job_queue.sql")) {
            List<SeedJobQueueAdapter> found = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT);
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("app");
            SeedJobQueueAdapter seed = found.get(0);

            QueueDepth d = seed.depths(f.db(), DepthSettings.DEFAULTS).get(0);
            assertThat(d.byState()).isEqualTo(Map.of(
                    SharedState.WAITING, Count.exact(1), SharedState.SCHEDULED, Count.exact(0),
                    SharedState.RUNNING, Count.exact(1), SharedState.RETRYABLE, Count.exact(1),
                    SharedState.DEAD, Count.exact(1), SharedState.DONE, Count.exact(1),
                    SharedState.CANCELLED, Count.exact(0)));

            JobPage page = seed.jobs(f.db(), JobFilter.all());
            assertThat(page.jobs()).hasSize(5).allSatisfy(j -> assertThat(j.lastError()).isNull());
            JobDetail dead = seed.job(f.db(), "00000000-0000-0000-0000-000000000004").orElseThrow();
            assertThat(dead.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(dead.job().maxAttempts()).isEqualTo(DepthSettings.SEED_RETRY_LIMIT);
            assertThat(dead.errors()).isEmpty();

            assertThat(seed.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(2));
            ActionResult retried = f.run(seed.retryMatching(JobFilter.all(), 2).orElseThrow());
            assertThat(retried.message()).isEqualTo("2 jobs back to pending.");
            assertThat(f.value("SELECT string_agg(right(id::text, 1) || ' ' || status || ' ' || retry_count, ','"
                    + " ORDER BY id) FROM app.job_queue WHERE status IN ('pending', 'failed')"))
                    .isEqualTo("1 pending 0,3 pending 1,4 pending 3");
        }
    }
}
