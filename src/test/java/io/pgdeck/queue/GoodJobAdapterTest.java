package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoodJobAdapterTest {

    private static String job(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void depthsFollowGoodJobsDashboardStates(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("good_job:public");
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);

            List<QueueDepth> depths = goodJob.depths(planted.db(), new DepthSettings(100_000, Duration.ofMinutes(2)));
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("queued", Count.exact(2)), Map.entry("scheduled", Count.exact(1)),
                    Map.entry("retried", Count.exact(1)), Map.entry("running", Count.exact(1)),
                    Map.entry("succeeded", Count.exact(1)), Map.entry("discarded", Count.exact(2)));
            assertThat(main.count(SharedState.WAITING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DONE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            // performed three minutes ago, stuck after two
            assertThat(main.stuck()).isEqualTo(1);
            assertThat(depths.get(1).count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(depths.get(1).oldestWaiting()).isBetween(Duration.ofMinutes(7), Duration.ofMinutes(9));

            List<QueueThroughput> hour = goodJob.throughput(planted.db(), Duration.ofHours(1));
            assertThat(hour.get(0).done()).isEqualTo(1);
            assertThat(hour.get(0).failed()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesNewestFirstWithAFilterAndKeysetPages(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            JobFilter byThree = new JobFilter("default", null, null, null, null, null, 3);
            JobPage first = goodJob.jobs(planted.db(), byThree);
            assertThat(first.jobs()).extracting(Job::id).containsExactly(job(3), job(2), job(5));
            JobPage second = goodJob.jobs(planted.db(), byThree.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly(job(1), job(4), job(6));
            assertThat(second.jobs()).extracting(Job::libraryState).containsExactly("queued", "retried", "succeeded");
            JobPage third = goodJob.jobs(planted.db(), byThree.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly(job(8), job(7));
            assertThat(third.hasNext()).isFalse();

            JobFilter declined = new JobFilter(null, null, null, "ChargeCardJob", "DECLINED", null, 10);
            assertThat(goodJob.jobs(planted.db(), declined).jobs()).extracting(Job::id).containsExactly(job(8), job(7));
            assertThat(goodJob.count(planted.db(), declined, 1000)).isEqualTo(Count.exact(2));
            JobDetail detail = goodJob.job(planted.db(), job(7)).orElseThrow();
            assertThat(detail.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(detail.errors()).extracting(JobError::message).containsExactly("Stripe::CardError: card declined");
            Job running = goodJob.job(planted.db(), job(5)).orElseThrow().job();
            assertThat(running.worker()).isEqualTo("00000000-0000-4000-8000-0000000000aa");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryEnqueuesDiscardedJobsAgainOnce(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            String others = "SELECT id, scheduled_at, performed_at, finished_at, error, error_event, serialized_params"
                    + " FROM good_jobs WHERE id <> '" + job(7) + "' ORDER BY id";
            List<String> before = planted.rows(others);

            var retry = goodJob.retry(List.of(job(7), job(1), job(5), job(6), job(4))).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("1 job enqueued again.");
            assertThat(planted.rows("SELECT finished_at IS NULL, performed_at IS NULL,"
                    + " scheduled_at <= now() AT TIME ZONE 'UTC', error, error_event, serialized_params ->> 'executions'"
                    + " FROM good_jobs WHERE id = '" + job(7) + "'"))
                    .containsExactly("t|t|t|Stripe::CardError: card declined|3|4");
            assertThat(planted.rows(others)).isEqualTo(before);
            assertThat(goodJob.job(planted.db(), job(7)).orElseThrow().job().libraryState()).isEqualTo("queued");

            List<String> after = planted.rows("SELECT * FROM good_jobs ORDER BY id");
            assertThat(planted.run(retry).message()).startsWith("No job changed");
            assertThat(planted.rows("SELECT * FROM good_jobs ORDER BY id")).isEqualTo(after);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void discardFinishesOnlyJobsNotStartedAndPauseUsesGoodJobSettings(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            var discard = goodJob.cancel(List.of(job(1), job(3), job(5), job(6))).orElseThrow();
            assertThat(planted.run(discard).message()).isEqualTo("2 jobs discarded.");
            assertThat(planted.rows("SELECT right(id::text, 1), finished_at IS NOT NULL, error_event, error"
                    + " FROM good_jobs WHERE id IN ('" + job(1) + "', '" + job(3) + "', '" + job(5) + "') ORDER BY id"))
                    .containsExactly("1|t|5|GoodJob::Job::DiscardJobError: Discarded in pgdeck",
                            "3|t|5|GoodJob::Job::DiscardJobError: Discarded in pgdeck", "5|f|null|null");
            assertThat(planted.run(discard).message()).startsWith("No job changed");

            var pause = goodJob.pause("default").orElseThrow();
            assertThat(planted.run(pause).message()).isEqualTo("Queue default paused.");
            assertThat(planted.rows("SELECT value FROM good_job_settings WHERE key = 'pauses'"))
                    .containsExactly("{\"labels\": [], \"queues\": [\"default\"], \"job_classes\": []}");
            assertThat(planted.run(pause).message()).isEqualTo("Queue default was already paused.");
            assertThat(planted.run(goodJob.pause("mailers").orElseThrow()).message()).isEqualTo("Queue mailers paused.");
            assertThat(goodJob.depths(planted.db(), DepthSettings.DEFAULTS)).extracting(QueueDepth::paused)
                    .containsExactly(true, true);

            var resume = goodJob.resume("default").orElseThrow();
            assertThat(planted.run(resume).message()).isEqualTo("Queue default resumed.");
            assertThat(planted.run(resume).message()).isEqualTo("Queue default was not paused.");
            assertThat(planted.rows("SELECT value -> 'queues' FROM good_job_settings WHERE key = 'pauses'"))
                    .containsExactly("[\"mailers\"]");
        }
    }
}
