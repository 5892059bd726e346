package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SolidQueueAdapterTest {

    /** Which execution rows every job has, one line per execution, plus the pauses. */
    private static final String EXECUTIONS = "SELECT 'ready', job_id, queue_name, priority FROM solid_queue_ready_executions"
            + " UNION ALL SELECT 'claimed', job_id, NULL, NULL FROM solid_queue_claimed_executions"
            + " UNION ALL SELECT 'failed', job_id, NULL, NULL FROM solid_queue_failed_executions"
            + " UNION ALL SELECT 'scheduled', job_id, queue_name, priority FROM solid_queue_scheduled_executions"
            + " UNION ALL SELECT 'blocked', job_id, queue_name, priority FROM solid_queue_blocked_executions"
            + " ORDER BY 2, 1";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void stateIsWhichExecutionRowExists(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Solid Queue:public");
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);

            List<QueueDepth> depths = solid.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers", "reports");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("ready", Count.exact(2)), Map.entry("blocked", Count.exact(1)),
                    Map.entry("scheduled", Count.exact(1)), Map.entry("claimed", Count.exact(1)),
                    Map.entry("failed", Count.exact(2)), Map.entry("finished", Count.exact(1)));
            assertThat(main.count(SharedState.WAITING)).isEqualTo(Count.exact(3));
            assertThat(main.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.DONE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.ZERO);
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(main.paused()).isFalse();
            QueueDepth reports = depths.get(2);
            assertThat(reports.paused()).isTrue();
            assertThat(reports.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(reports.oldestWaiting()).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(17));
            assertThat(depths.get(1).count(SharedState.DEAD)).isEqualTo(Count.exact(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesWithAFilterAndKeysetPages(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            JobFilter byThree = new JobFilter("default", null, null, null, null, null, 3);
            JobPage first = solid.jobs(planted.db(), byThree);
            assertThat(first.jobs()).extracting(Job::id).containsExactly("8", "7", "6");
            assertThat(first.jobs()).extracting(Job::libraryState).containsExactly("finished", "blocked", "scheduled");
            JobPage second = solid.jobs(planted.db(), byThree.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("5", "4", "3");
            JobPage third = solid.jobs(planted.db(), byThree.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly("2", "1");
            assertThat(third.hasNext()).isFalse();

            JobFilter declined = new JobFilter(null, null, null, "ChargeCardJob", "card DECLINED", null, 10);
            assertThat(solid.jobs(planted.db(), declined).jobs()).extracting(Job::id).containsExactly("5", "4");
            assertThat(solid.count(planted.db(), declined, 1000)).isEqualTo(Count.exact(2));
            JobDetail failed = solid.job(planted.db(), "4").orElseThrow();
            assertThat(failed.job().lastError()).isEqualTo("Stripe::CardError: card declined");
            assertThat(failed.errors()).extracting(JobError::trace).containsExactly("app/jobs/charge_card_job.rb:7");
            assertThat(failed.job().attempt()).isEqualTo(5);
            assertThat(solid.job(planted.db(), "3").orElseThrow().job().worker()).isEqualTo("worker-abc@web-1");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryMovesFailedExecutionsToReadyOnce(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            List<String> before = planted.rows(EXECUTIONS);

            var retry = solid.retry(List.of("4", "10", "1", "3", "8")).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("2 jobs moved from failed to ready.");
            List<String> expected = new java.util.ArrayList<>(before);
            expected.remove("failed|4|null|null");
            expected.remove("failed|10|null|null");
            expected.add("ready|4|default|3");
            expected.add("ready|10|mailers|0");
            assertThat(planted.rows(EXECUTIONS)).containsExactlyInAnyOrderElementsOf(expected);

            List<String> after = planted.rows(EXECUTIONS + ", 3, 4");
            assertThat(planted.run(retry).message()).startsWith("No job changed");
            assertThat(planted.rows(EXECUTIONS + ", 3, 4")).isEqualTo(after);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bulkRetryRunsInBatches(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            planted.execute("INSERT INTO solid_queue_jobs (queue_name, class_name, priority, scheduled_at, created_at, updated_at)"
                    + " SELECT 'bulk', 'BulkJob', 2, now() AT TIME ZONE 'UTC' - interval '1 hour',"
                    + " now() AT TIME ZONE 'UTC' - interval '1 hour', now() AT TIME ZONE 'UTC' FROM generate_series(1, 2500)",
                    "INSERT INTO solid_queue_failed_executions (job_id, error, created_at)"
                    + " SELECT id, 'boom', now() AT TIME ZONE 'UTC' FROM solid_queue_jobs WHERE queue_name = 'bulk'");
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            JobFilter dead = JobFilter.all().withQueue("bulk").withState(SharedState.DEAD);
            Count matching = solid.count(planted.db(), dead, 100_000);
            assertThat(matching).isEqualTo(Count.exact(2500));
            var bulk = solid.retryMatching(dead, matching.value()).orElseThrow();
            assertThat(bulk.plan().statements()).hasSize(4);
            assertThat(planted.run(bulk).message()).isEqualTo("2,500 jobs moved from failed to ready.");
            assertThat(planted.rows("SELECT count(*), min(priority), max(priority) FROM solid_queue_ready_executions"
                    + " WHERE queue_name = 'bulk'")).containsExactly("2500|2|2");
            assertThat(planted.rows("SELECT job_id FROM solid_queue_failed_executions ORDER BY job_id"))
                    .containsExactly("4", "5", "10");
            assertThat(planted.run(bulk).message()).startsWith("No job changed");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void discardDeletesWaitingJobsAndPauseIsARow(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            var discard = solid.cancel(List.of("1", "6", "7", "3", "4", "8")).orElseThrow();
            assertThat(planted.run(discard).message()).isEqualTo("3 jobs discarded (deleted).");
            assertThat(planted.rows("SELECT id FROM solid_queue_jobs ORDER BY id"))
                    .containsExactly("2", "3", "4", "5", "8", "9", "10", "11");
            assertThat(planted.rows(EXECUTIONS)).extracting(r -> r.split("\\|")[1])
                    .containsExactly("2", "3", "4", "5", "9", "10", "11");
            assertThat(planted.run(discard).message()).startsWith("No job changed");

            var pause = solid.pause("default").orElseThrow();
            assertThat(planted.run(pause).message()).isEqualTo("Queue default paused.");
            assertThat(planted.run(pause).message()).isEqualTo("Queue default was already paused.");
            assertThat(planted.rows("SELECT queue_name FROM solid_queue_pauses ORDER BY queue_name"))
                    .containsExactly("default", "reports");
            assertThat(solid.depths(planted.db(), DepthSettings.DEFAULTS).get(0).paused()).isTrue();
            var resume = solid.resume("default").orElseThrow();
            assertThat(planted.run(resume).message()).isEqualTo("Queue default resumed.");
            assertThat(planted.run(resume).message()).isEqualTo("Queue default was not paused.");
            assertThat(planted.rows("SELECT queue_name FROM solid_queue_pauses")).containsExactly("reports");
        }
    }
}
