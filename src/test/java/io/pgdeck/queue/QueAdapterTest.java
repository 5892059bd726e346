package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueAdapterTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void depthsMapQueStatesAndSeeTheLockedJobAsRunning(TestPostgres pg) throws Exception {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE);
                Connection worker = planted.connect()) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Que:public");
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);

            List<QueueDepth> depths = que.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("ready", Count.exact(2)), Map.entry("scheduled", Count.exact(1)),
                    Map.entry("errored", Count.exact(2)), Map.entry("locked", Count.exact(1)),
                    Map.entry("expired", Count.exact(1)), Map.entry("finished", Count.exact(1)));
            assertThat(main.count(SharedState.WAITING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DONE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.CANCELLED)).isEqualTo(Count.ZERO);
            // ready job 1 has waited since its run_at ten minutes ago
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(main.paused()).isFalse();
            assertThat(depths.get(1).count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(depths.get(1).oldestWaiting()).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(4));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesWithAFilterAndKeysetPages(TestPostgres pg) throws Exception {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE);
                Connection worker = planted.connect()) {
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);

            JobPage first = que.jobs(planted.db(), new JobFilter("default", null, null, null, null, null, 3));
            assertThat(first.jobs()).extracting(Job::id).containsExactly("8", "7", "6");
            assertThat(first.jobs()).extracting(Job::libraryState).containsExactly("finished", "expired", "errored");
            JobPage second = que.jobs(planted.db(), new JobFilter("default", null, null, null, null, first.next(), 3));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("5", "4", "3");
            assertThat(second.jobs().get(2).state()).isEqualTo(SharedState.RUNNING);
            JobPage last = que.jobs(planted.db(), new JobFilter("default", null, null, null, null, second.next(), 3));
            assertThat(last.jobs()).extracting(Job::id).containsExactly("2", "1");
            assertThat(last.hasNext()).isFalse();

            JobFilter failing = new JobFilter(null, null, null, "ChargeCard", "timeout", null, 10);
            assertThat(que.jobs(planted.db(), failing).jobs()).extracting(Job::id).containsExactly("6", "5");
            assertThat(que.count(planted.db(), failing, 1000)).isEqualTo(Count.exact(2));
            Job expired = que.job(planted.db(), "7").orElseThrow().job();
            assertThat(expired.state()).isEqualTo(SharedState.DEAD);
            assertThat(expired.lastError()).isEqualTo("Stripe::CardError: declined");
            assertThat(expired.attempt()).isEqualTo(15);
            assertThat(que.job(planted.db(), "999")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryResetsErroredAndExpiredJobsOnceAndLeavesTheOthers(TestPostgres pg) throws Exception {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE);
                Connection worker = planted.connect()) {
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);
            planted.execute("UPDATE que_jobs SET error_count = 1 WHERE id = 3");
            String untouched = "SELECT id, error_count, expired_at IS NULL, run_at FROM que_jobs WHERE id IN (1, 3, 4, 6, 8) ORDER BY id";
            List<String> before = planted.rows(untouched);

            var retry = que.retry(List.of("5", "7", "1", "3", "4", "6", "8")).orElseThrow();
            assertThat(retry.plan().sql()).contains("\"public\".\"que_jobs\"").contains("pg_locks");
            ActionResult result = planted.run(retry);
            assertThat(result.succeeded()).as(result.message()).isTrue();
            assertThat(result.message()).isEqualTo("3 jobs set to run now.");
            assertThat(planted.rows("SELECT id, error_count, expired_at IS NULL, run_at <= now(), last_error_message"
                    + " FROM que_jobs WHERE id IN (5, 6, 7) ORDER BY id")).containsExactly(
                    "5|0|t|t|Timeout::Error: execution expired", "6|0|t|t|Net::ReadTimeout",
                    "7|0|t|t|Stripe::CardError: declined");
            // ready, locked (even errored), scheduled, finished: untouched; 6 was errored and is reset
            assertThat(planted.rows(untouched).subList(0, 3)).isEqualTo(before.subList(0, 3));
            assertThat(planted.rows(untouched).get(4)).isEqualTo(before.get(4));

            List<String> after = planted.rows("SELECT id, error_count, expired_at, run_at FROM que_jobs ORDER BY id");
            ActionResult again = planted.run(retry);
            assertThat(again.message()).startsWith("No job changed");
            assertThat(planted.rows("SELECT id, error_count, expired_at, run_at FROM que_jobs ORDER BY id")).isEqualTo(after);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bulkRetryRunsInBatchesOverWhatTheFilterMatches(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE)) {
            planted.execute("INSERT INTO que_jobs (job_class, error_count, queue, expired_at, job_schema_version)"
                    + " SELECT 'Bulk', 16, 'bulk', now(), 2 FROM generate_series(1, 2500)");
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            JobFilter dead = JobFilter.all().withQueue("bulk").withState(SharedState.DEAD);
            Count matching = que.count(planted.db(), dead, 100_000);
            assertThat(matching).isEqualTo(Count.exact(2500));

            var bulk = que.retryMatching(dead, matching.value()).orElseThrow();
            assertThat(bulk.plan().statements()).hasSize(4);
            assertThat(bulk.plan().commit()).isEqualTo(io.pgdeck.action.ActionPlan.Commit.EACH_STATEMENT);
            ActionResult result = planted.run(bulk);
            assertThat(result.message()).isEqualTo("2,500 jobs set to run now.");
            assertThat(planted.rows("SELECT count(*) FROM que_jobs WHERE queue = 'bulk' AND expired_at IS NULL"
                    + " AND error_count = 0")).containsExactly("2500");
            assertThat(planted.rows("SELECT id FROM que_jobs WHERE expired_at IS NOT NULL")).containsExactly("7");
            assertThat(planted.run(bulk).message()).startsWith("No job changed");
            assertThat(que.cancel(List.of("1"))).isEmpty();
            assertThat(que.pause("default")).isEmpty();
        }
    }

    /** Holds the job as a Que worker does while it works it: a session advisory lock on its id. */
    private static void lock(Connection worker, long id) throws Exception {
        try (Statement st = worker.createStatement()) {
            st.execute("SELECT pg_try_advisory_lock(" + id + ")");
        }
    }
}
