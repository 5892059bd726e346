package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Procrastinate 2.0.0, 2.15.1 and 3.9.0, each a fixture following that release's schema.sql:
 * the objects pgdeck touches and the functions it and the worker call, re-implemented with the
 * release's behaviour (see the fixtures' headers); changes are checked against what the worker's
 * fetch function then takes.
 */
class ProcrastinateAdapterTest {

    /** The oldest 2.x, without priority and cancel; fetched like 2.x. */
    private static final String V2_0 = "procrastinate_2_0.sql";
    private static final String V2 = "procrastinate_2_x.sql";
    private static final String V3 = "procrastinate_3_x.sql";
    private static final String AGES = "procrastinate_ages.sql";
    private static final String JOBS = "SELECT id, status, scheduled_at, attempts FROM procrastinate_jobs ORDER BY id";

    static Stream<Arguments> releases() {
        return TestPostgres.both().flatMap(pg -> Stream.of(Arguments.of(pg, V2), Arguments.of(pg, V3)));
    }

    private static ProcrastinateAdapter adapter(QueueFixture f) {
        return ProcrastinateAdapter.detect(f.db()).get(0);
    }

    /**
     * Every job the worker's fetch function (as the fixture re-implements it) hands out from the queue, one call at a time as a
     * worker polls, until it has none: procrastinate_fetch_job (2.x) or procrastinate_fetch_job_v2
     * with the planted worker (3.1 and later).
     */
    private static List<Long> fetchAll(QueueFixture f, String fixture, String queue) {
        String fetch = !V3.equals(fixture) ? "SELECT id FROM procrastinate_fetch_job(ARRAY['" + queue + "']::varchar[])"
                : "SELECT id FROM procrastinate_fetch_job_v2(ARRAY['" + queue + "']::varchar[],"
                        + " (SELECT min(id) FROM procrastinate_workers))";
        List<Long> fetched = new ArrayList<>();
        for (Object id = f.value(fetch); id != null; id = f.value(fetch)) {
            fetched.add(((Number) id).longValue());
        }
        return fetched;
    }

    @ParameterizedTest
    @MethodSource("releases")
    void depthsSplitTodoIntoWaitingScheduledAndRetry(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, AGES)) {
            assertThat(QueueLibraries.detect(f.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Procrastinate:public");
            ProcrastinateAdapter procrastinate = adapter(f);

            List<QueueDepth> depths = procrastinate.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "emails");
            QueueDepth main = depths.get(0);
            // 3.x requests an abort on the doing job itself (abort_requested); 2.x moved it to aborting
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("todo", Count.exact(4)), Map.entry("doing", Count.exact(V2.equals(fixture) ? 1 : 2)),
                    Map.entry("aborting", Count.exact(V2.equals(fixture) ? 1 : 0)), Map.entry("succeeded", Count.exact(1)),
                    Map.entry("failed", Count.exact(2)), Map.entry("cancelled", Count.exact(1)),
                    Map.entry("aborted", Count.exact(1)));
            assertThat(main.count(SharedState.WAITING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.DONE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.CANCELLED)).isEqualTo(Count.exact(2));
            // job 9 was deferred ten minutes ago (its 'deferred' event)
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            QueueDepth emails = depths.get(1);
            assertThat(emails.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(emails.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
            assertThat(procrastinate.throughput(f.db(), Duration.ofMinutes(35)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("default 1 1", "emails 0 0");
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void browsesWithAFilterAndKeysetPages(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            JobFilter default4 = new JobFilter("default", null, null, null, null, null, 4);
            JobPage first = procrastinate.jobs(f.db(), default4);
            assertThat(first.jobs()).extracting(Job::id).containsExactly("11", "10", "9", "8");
            assertThat(first.jobs()).extracting(Job::state).containsExactly(SharedState.SCHEDULED,
                    SharedState.WAITING, SharedState.WAITING, SharedState.CANCELLED);
            JobPage second = procrastinate.jobs(f.db(), default4.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("7", "6", "5", "4");
            assertThat(second.jobs().get(3).libraryState()).isEqualTo("todo");
            assertThat(second.jobs().get(3).state()).isEqualTo(SharedState.RETRYABLE);
            JobPage third = procrastinate.jobs(f.db(), default4.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly("3", "2", "1");
            assertThat(third.hasNext()).isFalse();
            assertThat(third.jobs().get(2).createdAt()).isNotNull();

            JobFilter failedCharges = new JobFilter(null, SharedState.DEAD, null, "tasks.charge_card", null, null, 10);
            assertThat(procrastinate.jobs(f.db(), failedCharges).jobs()).extracting(Job::id).containsExactly("3", "2");
            assertThat(procrastinate.count(f.db(), failedCharges, 1000)).isEqualTo(Count.exact(2));
            assertThat(procrastinate.count(f.db(), JobFilter.all().withText("\"n\": 1"), 1000)).isEqualTo(Count.exact(13));
            // two attempts retried by the worker, the third failed for good
            assertThat(procrastinate.job(f.db(), "2").orElseThrow().errors()).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryCallsRetryJobV2AndTheWorkerFetchesEachRetriedJobOnce(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, V3, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            assertThat(procrastinate.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.exact(2));
            List<String> before = f.rows(JOBS);

            // 12 is failed but todo job 13 holds its queueing lock: the library's unique index would refuse it
            var retry = procrastinate.retry(List.of("2", "3", "12", "1", "5", "7", "9")).orElseThrow();
            assertThat(retry.plan().sql()).contains("\"public\".\"procrastinate_retry_job_v2\"(\"picked\".\"id\", pg_catalog.now()");
            assertThat(f.run(retry).message()).isEqualTo("2 jobs back to todo.");
            List<String> after = f.rows(JOBS);
            // the library's function adds the attempt the shell's retry adds
            assertThat(f.rows("SELECT id, status, scheduled_at <= now(), attempts FROM procrastinate_jobs WHERE id IN (2, 3)"
                    + " ORDER BY id")).containsExactly("2|todo|t|4", "3|todo|t|4");
            for (int i : new int[] {0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
            assertThat(f.rows("SELECT job_id FROM procrastinate_events WHERE type = 'retried' ORDER BY job_id"))
                    .containsExactly("2", "3");
            assertThat(f.run(retry).message()).startsWith("No job changed");
            assertThat(f.rows(JOBS)).isEqualTo(after);
            assertThat(procrastinate.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);

            // the worker takes each retried job once, and never the doing ones (5, 6)
            assertThat(fetchAll(f, V3, "default")).containsExactly(2L, 3L, 9L, 10L);
            assertThat(f.run(retry).message()).startsWith("No job changed");
            assertThat(fetchAll(f, V3, "default")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void beforeRetryJobV2AFailedJobHasNoRetry(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, V2, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            // 2.x's procrastinate_retry_job moves doing jobs only: its shell's retry raises on a failed job
            assertThat(procrastinate.retry(List.of("2"))).isEmpty();
            assertThat(procrastinate.retryMatching(JobFilter.all(), 2)).isEmpty();
            assertThat(procrastinate.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);
            assertThat(fetchAll(f, V2, "default")).containsExactly(9L, 10L);
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void cancelCallsTheLibrarysCancelOnTodoJobsAndTheWorkerNeverTakesThem(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            assertThat(procrastinate.eligible(f.db(), JobOperation.CANCEL, JobFilter.all().withQueue("default"), 1000))
                    .isEqualTo(Count.exact(4));
            var cancel = procrastinate.cancel(List.of("1", "9", "10", "5", "2")).orElseThrow();
            assertThat(cancel.plan().sql()).contains(V2.equals(fixture) ? "\"public\".\"procrastinate_cancel_job\"("
                    : "\"public\".\"procrastinate_cancel_job_v1\"(");
            assertThat(f.run(cancel).message()).isEqualTo("2 jobs cancelled.");
            assertThat(f.rows("SELECT id, status FROM procrastinate_jobs WHERE id IN (1, 2, 5, 9, 10) ORDER BY id"))
                    .containsExactly("1|succeeded", "2|failed", "5|doing", "9|cancelled", "10|cancelled");
            assertThat(f.rows("SELECT job_id FROM procrastinate_events WHERE type = 'cancelled' ORDER BY job_id"))
                    .containsExactly("7", "9", "10");
            assertThat(f.run(cancel).message()).startsWith("No job changed");
            assertThat(fetchAll(f, fixture, "default")).isEmpty();
            assertThat(procrastinate.pause("default")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void deleteTakesTodoJobsThroughCancelAndFinishedOnesButNeverADoingJob(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            var delete = procrastinate.delete(List.of("1", "2", "5", "6", "9", "11")).orElseThrow();
            assertThat(f.run(delete).message()).isEqualTo("4 jobs deleted.");
            assertThat(f.rows("SELECT id FROM procrastinate_jobs ORDER BY id"))
                    .containsExactly("3", "4", "5", "6", "7", "8", "10", "12", "13");
            assertThat(f.rows("SELECT count(*) FROM procrastinate_events WHERE job_id IN (1, 2, 9, 11)")).containsExactly("0");
            assertThat(f.run(delete).message()).startsWith("No job changed");
            assertThat(fetchAll(f, fixture, "default")).containsExactly(10L);
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void purgeDeletesJobsFinishedLongerAgoThanTheAgeInBatches(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, AGES)) {
            ProcrastinateAdapter procrastinate = adapter(f);
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofMinutes(35));
            // 2 and 3 failed 50 and 40 minutes ago, 12 an hour ago; 1 succeeded 30 minutes ago
            Count eligible = procrastinate.eligible(f.db(), JobOperation.DELETE, old, 1000);
            assertThat(eligible).isEqualTo(Count.exact(3));
            var purge = procrastinate.deleteMatching(old, eligible.value()).orElseThrow();
            assertThat(purge.plan().statements()).hasSize(2);
            assertThat(f.run(purge).message()).isEqualTo("3 jobs deleted.");
            assertThat(f.rows("SELECT id FROM procrastinate_jobs ORDER BY id"))
                    .containsExactly("1", "4", "5", "6", "7", "8", "9", "10", "11", "13");
            assertThat(procrastinate.eligible(f.db(), JobOperation.DELETE, old, 1000)).isEqualTo(Count.ZERO);
            assertThat(procrastinate.eligible(f.db(), JobOperation.DELETE, JobFilter.all(), 1000)).isEqualTo(Count.exact(3));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theOldest2xIsReadWithoutPriorityOrCancelAndDeletesOnlyFinishedJobs(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, V2_0, AGES)) {
            assertThat(QueueLibraries.detect(f.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Procrastinate:public");
            ProcrastinateAdapter procrastinate = adapter(f);
            assertThat(procrastinate.libraryStates()).containsExactly("todo", "doing", "succeeded", "failed");
            QueueDepth main = procrastinate.depths(f.db(), DepthSettings.DEFAULTS).get(0);
            assertThat(main.byState()).containsEntry(SharedState.WAITING, Count.exact(2))
                    .containsEntry(SharedState.SCHEDULED, Count.exact(1)).containsEntry(SharedState.RETRYABLE, Count.exact(1))
                    .containsEntry(SharedState.RUNNING, Count.exact(2)).containsEntry(SharedState.DONE, Count.exact(2))
                    .containsEntry(SharedState.DEAD, Count.exact(3)).containsEntry(SharedState.CANCELLED, Count.ZERO);
            assertThat(procrastinate.jobs(f.db(), JobFilter.all()).jobs()).extracting(Job::priority).containsOnlyNulls();

            // no function retries a failed job or cancels one before 3.4 and 2.6
            assertThat(procrastinate.retry(List.of("2"))).isEmpty();
            assertThat(procrastinate.cancel(List.of("9"))).isEmpty();
            assertThat(procrastinate.makeVisibleNow(List.of("5"))).isEmpty();
            for (JobOperation operation : List.of(JobOperation.RETRY, JobOperation.CANCEL)) {
                assertThat(procrastinate.eligible(f.db(), operation, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);
            }
            var delete = procrastinate.delete(List.of("1", "5", "7", "9")).orElseThrow();
            assertThat(f.run(delete).message()).isEqualTo("2 jobs deleted.");
            assertThat(f.rows("SELECT id, status FROM procrastinate_jobs WHERE id IN (1, 5, 7, 9) ORDER BY id"))
                    .containsExactly("5|doing", "9|todo");
            assertThat(fetchAll(f, V2_0, "default")).containsExactly(9L, 10L);
        }
    }
}
