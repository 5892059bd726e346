package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Solid Queue 0.3 and 1.x (fixtures from their own migrations and schema), on PostgreSQL 13 and 17. */
class SolidQueueAdapterTest {

    /** Which execution rows every job has, one line per execution. */
    private static final String EXECUTIONS = "SELECT 'ready', job_id, queue_name, priority FROM solid_queue_ready_executions"
            + " UNION ALL SELECT 'claimed', job_id, NULL, NULL FROM solid_queue_claimed_executions"
            + " UNION ALL SELECT 'failed', job_id, NULL, NULL FROM solid_queue_failed_executions"
            + " UNION ALL SELECT 'scheduled', job_id, queue_name, priority FROM solid_queue_scheduled_executions"
            + " UNION ALL SELECT 'blocked', job_id, queue_name, priority FROM solid_queue_blocked_executions"
            + " ORDER BY 2, 1";

    private static final String SEMAPHORES = "SELECT key, value FROM solid_queue_semaphores ORDER BY key";

    /** Every server with every schema version: the oldest in use and the current one. */
    static Stream<Arguments> versions() {
        return TestPostgres.both().flatMap(pg -> Stream.of(Arguments.of(pg, "0.3"), Arguments.of(pg, "1.x")));
    }

    private static PlantedLibrary plant(TestPostgres pg, String version) {
        if (version.equals("1.x")) {
            return new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE);
        }
        PlantedLibrary planted = new PlantedLibrary(pg);
        planted.execute(QueueFixture.sql("solid_queue_tables.sql"), QueueFixture.sql("solid_queue_0_3.sql"),
                QueueFixture.sql("solid_queue_jobs.sql"));
        return planted;
    }

    /**
     * A worker's poll of one queue, written for these tests following ReadyExecution.claim and
     * ClaimedExecution.claiming (app/models/solid_queue/ready_execution.rb, claimed_execution.rb,
     * v1.5.0): up to 10 of the queue's ready executions, most urgent first (priority, then job id),
     * skipping rows another worker has locked; each becomes a claimed execution of process 1 and its
     * ready execution goes, all in one transaction. Returns the claimed job ids in that order.
     */
    private static List<String> claim(PlantedLibrary planted, String queue) {
        return planted.rows("WITH taken AS (DELETE FROM solid_queue_ready_executions AS r WHERE r.id IN ("
                + "SELECT c.id FROM solid_queue_ready_executions AS c WHERE c.queue_name = '" + queue + "'"
                + " ORDER BY c.priority, c.job_id LIMIT 10 FOR UPDATE SKIP LOCKED) RETURNING r.job_id, r.priority),"
                + " recorded AS (INSERT INTO solid_queue_claimed_executions (job_id, process_id, created_at)"
                + " SELECT t.job_id, 1, now() AT TIME ZONE 'UTC' FROM taken AS t)"
                + " SELECT t.job_id FROM taken AS t ORDER BY t.priority, t.job_id");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void stateIsWhichExecutionRowExists(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
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
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(main.paused()).isFalse();
            QueueDepth reports = depths.get(2);
            assertThat(reports.paused()).isTrue();
            assertThat(reports.oldestWaiting()).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(17));
            assertThat(depths.get(1).count(SharedState.DEAD)).isEqualTo(Count.exact(1));

            // the claiming process: its name from v0.6 on, its kind and pid before
            assertThat(solid.job(planted.db(), "3").orElseThrow().job().worker())
                    .isEqualTo(version.equals("1.x") ? "worker-abc@web-1" : "Worker 4242@web-1");
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
            assertThat(solid.jobs(planted.db(), declined).jobs()).extracting(Job::id).containsExactly("4");
            assertThat(solid.count(planted.db(), declined, 1000)).isEqualTo(Count.exact(1));
            JobDetail failed = solid.job(planted.db(), "4").orElseThrow();
            assertThat(failed.job().lastError()).isEqualTo("Stripe::CardError: card declined");
            assertThat(failed.errors()).extracting(JobError::trace).containsExactly("app/jobs/charge_card_job.rb:7");
            assertThat(failed.job().attempt()).isEqualTo(5);
        }
    }

    /**
     * FailedExecution#retry: 4 (no key) goes ready with its counters reset; 5's key is held by the
     * claimed job 3, so it is blocked and its semaphore left at 0; 10's key is free, so it goes ready
     * and creates the semaphore at 0. The worker's claim then takes 4 once, and never 5.
     */
    @ParameterizedTest
    @MethodSource("versions")
    void retryResetsCountersHonoursConcurrencyAndIsClaimedOnce(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            assertThat(solid.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.exact(3));
            assertThat(solid.eligible(planted.db(), JobOperation.RETRY, JobFilter.all().withQueue("mailers"), 1000))
                    .isEqualTo(Count.exact(1));
            List<String> before = planted.rows(EXECUTIONS);

            var retry = solid.retry(List.of("4", "10", "5", "1", "3", "8")).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("3 jobs dispatched again (ready, blocked or scheduled).");
            List<String> expected = new ArrayList<>(before);
            expected.removeAll(List.of("failed|4|null|null", "failed|5|null|null", "failed|10|null|null"));
            expected.addAll(List.of("ready|4|default|3", "blocked|5|default|3", "ready|10|mailers|0"));
            assertThat(planted.rows(EXECUTIONS)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(planted.rows(SEMAPHORES)).containsExactly("SyncAccountJob/42|0", "WelcomeMailJob/9|0");
            assertThat(planted.rows("SELECT (arguments::jsonb ->> 'executions'), (arguments::jsonb -> 'exception_executions')::text,"
                    + " arguments::jsonb ->> 'job_class' FROM solid_queue_jobs WHERE id = 4"))
                    .containsExactly("0|{}|ChargeCardJob");
            assertThat(solid.job(planted.db(), "4").orElseThrow().job().attempt()).isZero();
            assertThat(planted.rows("SELECT expires_at > now() AT TIME ZONE 'UTC' FROM solid_queue_blocked_executions WHERE job_id = 5"))
                    .containsExactly("t");

            assertThat(planted.run(retry).message()).startsWith("No job changed");
            assertThat(solid.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);

            assertThat(claim(planted, "default")).containsExactly("1", "4", "2");
            assertThat(claim(planted, "default")).isEmpty();
            assertThat(claim(planted, "mailers")).containsExactly("9", "10");
            assertThat(planted.rows("SELECT job_id FROM solid_queue_blocked_executions ORDER BY job_id")).containsExactly("5", "7");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bulkRetryRunsInBatches(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE)) {
            planted.execute("INSERT INTO solid_queue_jobs (queue_name, class_name, arguments, priority, scheduled_at, created_at,"
                    + " updated_at) SELECT 'bulk', 'BulkJob', '{\"executions\":3,\"exception_executions\":{}}', 2,"
                    + " now() AT TIME ZONE 'UTC' - interval '1 hour', now() AT TIME ZONE 'UTC' - interval '1 hour',"
                    + " now() AT TIME ZONE 'UTC' FROM generate_series(1, 2500)",
                    "INSERT INTO solid_queue_failed_executions (job_id, error, created_at)"
                    + " SELECT id, 'boom', now() AT TIME ZONE 'UTC' FROM solid_queue_jobs WHERE queue_name = 'bulk'");
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            JobFilter dead = JobFilter.all().withQueue("bulk").withState(SharedState.DEAD);
            Count matching = solid.eligible(planted.db(), JobOperation.RETRY, dead, 100_000);
            assertThat(matching).isEqualTo(Count.exact(2500));
            var bulk = solid.retryMatching(dead, matching.value()).orElseThrow();
            assertThat(bulk.plan().statements()).hasSize(4);
            assertThat(planted.run(bulk).message()).isEqualTo("2,500 jobs dispatched again (ready, blocked or scheduled).");
            assertThat(planted.rows("SELECT count(*), min(priority), max(priority) FROM solid_queue_ready_executions"
                    + " WHERE queue_name = 'bulk'")).containsExactly("2500|2|2");
            assertThat(planted.rows("SELECT DISTINCT arguments::jsonb ->> 'executions' FROM solid_queue_jobs WHERE queue_name = 'bulk'"))
                    .containsExactly("0");
            assertThat(planted.rows("SELECT job_id FROM solid_queue_failed_executions ORDER BY job_id"))
                    .containsExactly("4", "5", "10");
            assertThat(planted.run(bulk).message()).startsWith("No job changed");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void discardDeletesWaitingJobsOnlyAndSignalsTheSemaphore(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            assertThat(solid.eligible(planted.db(), JobOperation.CANCEL, JobFilter.all(), 1000)).isEqualTo(Count.exact(6));
            var discard = solid.cancel(List.of("1", "6", "7", "3", "4", "8")).orElseThrow();
            assertThat(planted.run(discard).message()).isEqualTo("3 jobs discarded (deleted).");
            assertThat(planted.rows("SELECT id FROM solid_queue_jobs ORDER BY id"))
                    .containsExactly("2", "3", "4", "5", "8", "9", "10", "11");
            assertThat(planted.rows(EXECUTIONS)).extracting(r -> r.split("\\|")[1])
                    .containsExactly("2", "3", "4", "5", "9", "10", "11");
            assertThat(planted.run(discard).message()).startsWith("No job changed");

            // a ready job holding its key: discarding it signals the semaphore, as ReadyExecution#discard_jobs does
            planted.run(solid.retry(List.of("10")).orElseThrow());
            assertThat(planted.rows(SEMAPHORES)).contains("WelcomeMailJob/9|0");
            assertThat(planted.run(solid.cancel(List.of("10")).orElseThrow()).message()).isEqualTo("1 job discarded (deleted).");
            assertThat(planted.rows(SEMAPHORES)).contains("WelcomeMailJob/9|1");
        }
    }

    /** A worker claiming a ready execution holds its row: discard skips it rather than delete a job about to run. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aJobBeingClaimedIsNotDiscarded(TestPostgres pg) throws SQLException {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.SOLID_QUEUE);
                Connection worker = planted.connect()) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            worker.setAutoCommit(false);
            try (Statement st = worker.createStatement()) {
                st.execute("SELECT id, job_id FROM solid_queue_ready_executions WHERE queue_name = 'default'"
                        + " ORDER BY priority ASC, job_id ASC LIMIT 1 FOR UPDATE SKIP LOCKED");
            }
            assertThat(planted.run(solid.cancel(List.of("1", "2")).orElseThrow()).message()).isEqualTo("1 job discarded (deleted).");
            worker.commit();
            assertThat(planted.rows("SELECT id FROM solid_queue_jobs WHERE id IN (1, 2)")).containsExactly("1");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void deleteAndPurgeLeaveClaimedJobs(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
            assertThat(planted.run(solid.delete(List.of("3", "4")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(planted.rows("SELECT id FROM solid_queue_jobs WHERE id IN (3, 4)")).containsExactly("3");

            JobFilter old = JobFilter.all().withOlderThan(Duration.ofMinutes(1));
            Count purged = solid.eligible(planted.db(), JobOperation.DELETE, old, 1000);
            assertThat(purged).isEqualTo(Count.exact(1));
            assertThat(planted.run(solid.deleteMatching(old, purged.value()).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(planted.rows("SELECT id FROM solid_queue_jobs WHERE finished_at IS NOT NULL")).isEmpty();
            assertThat(planted.rows("SELECT count(*) FROM solid_queue_jobs")).containsExactly("9");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void pauseIsARowInEveryVersion(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            SolidQueueAdapter solid = SolidQueueAdapter.detect(planted.db()).get(0);
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
