package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Graphile Worker 0.13.0, 0.14.0-rc.0, 0.15.1 and 0.16.6, the schema each release's migrations leave restated
 * with the functions pgdeck calls re-implemented (graphile_worker_0_13.sql ...), on the oldest and newest PostgreSQL. Job ids by creation:
 * 1 failed (bounce), 2 locked in crm, 3 waiting in crm, 4 retrying, 5 waiting, 6 locked,
 * 7 waiting, 8 scheduled; the crm queue is locked by job 2's worker.
 */
class GraphileWorkerAdapterTest {

    static Stream<Arguments> versions() {
        return TestPostgres.both().flatMap(pg -> Stream.of("0_13", "0_14", "0_15", "0_16").map(v -> Arguments.of(pg, v)));
    }

    /** 0.14.0-rc.0 and 0.15.1 ship the same migrations (1 to 14): one fixture serves both. */
    private static QueueFixture load(TestPostgres pg, String version) {
        String file = version.equals("0_14") || version.equals("0_15") ? "0_14_0_15" : version;
        return QueueFixture.load(pg, "graphile_worker_" + file + ".sql");
    }

    private static String jobs(String version) {
        return version.equals("0_16") ? "graphile_worker._private_jobs" : "graphile_worker.jobs";
    }

    /**
     * One fetch by a worker, as the release does it: 0.13 calls its get_job function (sql/000009.sql, in the
     * fixture); from 0.14 on the worker runs its own statement (dist/sql/getJob.js), here written for pgdeck
     * from that source for its default queue strategy, no forbidden flags and every known task, on the tables
     * of the release. It takes the first available job (unlocked with attempts left) that is due, by priority
     * then run_at, whose queue if any is available and not row-locked by another fetch, job and queue taken
     * FOR UPDATE SKIP LOCKED; then locks the queue and the job for the worker and raises the job's attempts.
     */
    private static String fetch(String version) {
        if (version.equals("0_13")) {
            return "SELECT id FROM graphile_worker.get_job('pgdeck-test-worker')";
        }
        String schema = version.equals("0_16") ? "graphile_worker._private_" : "graphile_worker.";
        return """
                WITH chosen AS (
                    SELECT c.id, c.job_queue_id
                      FROM %1$sjobs AS c
                     WHERE c.is_available AND c.run_at <= now()
                       AND c.task_id = ANY (ARRAY(SELECT t.id FROM %1$stasks AS t))
                       AND (c.job_queue_id IS NULL
                            OR c.job_queue_id IN (SELECT q.id FROM %1$sjob_queues AS q
                                                   WHERE q.is_available FOR UPDATE SKIP LOCKED))
                     ORDER BY c.priority, c.run_at
                     LIMIT 1
                       FOR UPDATE OF c SKIP LOCKED
                ), queue_taken AS (
                    UPDATE %1$sjob_queues AS q SET locked_by = 'pgdeck-test-worker', locked_at = now()
                      FROM chosen WHERE q.id = chosen.job_queue_id
                )
                UPDATE %1$sjobs AS j SET attempts = j.attempts + 1, locked_by = 'pgdeck-test-worker', locked_at = now()
                  FROM chosen WHERE j.id = chosen.id
                RETURNING j.id""".formatted(schema);
    }

    /** Every job workers fetch, one fetch at a time, until none is left (get_job then returns an empty row). */
    private static List<String> fetchAll(QueueFixture f, String version) {
        List<String> fetched = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<String> one = PgBossAdapterTest.firstColumn(f, fetch(version));
            if (one.isEmpty() || one.get(0) == null) {
                return fetched;
            }
            fetched.add(one.get(0));
        }
        throw new AssertionError("the fetch never ran dry: " + fetched);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void derivesStatesFromLocksAndAttempts(TestPostgres pg, String version) {
        try (QueueFixture f = load(pg, version)) {
            List<GraphileWorkerAdapter> found = GraphileWorkerAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("graphile_worker");
            GraphileWorkerAdapter worker = found.get(0);

            List<QueueDepth> depths = worker.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly(GraphileWorkerAdapter.NO_QUEUE, "crm");
            QueueDepth parallel = depths.get(0);
            assertThat(parallel.byLibraryState()).containsExactly(Map.entry("waiting", Count.exact(2)),
                    Map.entry("scheduled", Count.exact(1)), Map.entry("locked", Count.exact(1)),
                    Map.entry("retrying", Count.exact(1)), Map.entry("failed", Count.exact(1)));
            assertThat(parallel.count(SharedState.DONE)).isEqualTo(Count.ZERO);
            assertThat(parallel.oldestWaiting()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
            assertThat(parallel.stuck()).isZero();
            QueueDepth crm = depths.get(1);
            assertThat(crm.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(crm.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(crm.oldestWaiting()).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));
            assertThat(crm.stuck()).isEqualTo(1);
            assertThat(crm.expired()).isZero();
            // a lock older than four hours is one Graphile takes for a dead worker's
            f.execute("UPDATE " + jobs(version) + " SET locked_at = now() - interval '5 hours' WHERE id = 2");
            assertThat(worker.depths(f.db(), DepthSettings.DEFAULTS).get(1).expired()).isEqualTo(1);

            assertThat(worker.keepsFinishedJobs()).isFalse();
            assertThat(worker.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("(no queue) null 2", "crm null 0");
            assertThat(worker.throughput(f.db(), Duration.ofMinutes(5)).get(0).failureRate()).isNaN();
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void browsesTasksAndShowsTheLastError(TestPostgres pg, String version) {
        try (QueueFixture f = load(pg, version)) {
            GraphileWorkerAdapter worker = GraphileWorkerAdapter.detect(f.db()).get(0);
            assertThat(worker.jobs(f.db(), JobFilter.all().withKind("send_email")).jobs()).extracting(Job::id)
                    .containsExactly("8", "7", "5", "1");
            assertThat(worker.jobs(f.db(), JobFilter.all().withQueue("crm")).jobs()).extracting(Job::id, Job::libraryState)
                    .containsExactly(Tuple.tuple("3", "waiting"), Tuple.tuple("2", "locked"));
            JobDetail failed = worker.job(f.db(), "1").orElseThrow();
            assertThat(failed.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(failed.job().args()).contains("bounce@example.com");
            assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("Error: 550 mailbox unavailable"));
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aRescheduledJobIsFetchedOnceAndALockedOneNever(TestPostgres pg, String version) {
        try (QueueFixture f = load(pg, version)) {
            GraphileWorkerAdapter worker = GraphileWorkerAdapter.detect(f.db()).get(0);
            assertThat(worker.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1_000)).isEqualTo(Count.exact(2));
            assertThat(f.run(worker.retryMatching(JobFilter.all(), 2).orElseThrow()).message())
                    .isEqualTo("2 jobs rescheduled with attempts reset.");
            assertThat(f.value("SELECT string_agg(id || ':' || attempts, ',' ORDER BY id) FROM " + jobs(version)
                    + " WHERE run_at <= now() AND locked_at IS NULL")).isEqualTo("1:0,3:0,4:0,5:0,7:0");
            assertThat(f.value("SELECT attempts || ' ' || locked_by FROM " + jobs(version) + " WHERE id = 2")).isEqualTo("1 worker-9");
            assertThat(f.run(worker.retry(List.of("1", "2", "4", "5")).orElseThrow()).message()).startsWith("No job changed");

            // the worker's own fetch takes each rescheduled job once beside the due ones; locked 2 and 6 never
            // come, nor 3, whose queue job 2 holds, nor 8, scheduled in an hour
            assertThat(fetchAll(f, version)).containsExactlyInAnyOrder("1", "4", "5", "7");
            assertThat(f.value("SELECT string_agg(id || ':' || attempts, ',' ORDER BY id) FROM " + jobs(version)
                    + " WHERE id IN (1, 4)")).isEqualTo("1:1,4:1");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void cancelFailsJobsPermanentlyAndDeleteCompletesThem(TestPostgres pg, String version) {
        try (QueueFixture f = load(pg, version)) {
            GraphileWorkerAdapter worker = GraphileWorkerAdapter.detect(f.db()).get(0);
            // waiting 3 5 7, scheduled 8 and retrying 4 would all run again; 1 has failed, 2 and 6 are locked
            assertThat(worker.eligible(f.db(), JobOperation.CANCEL, JobFilter.all(), 1_000)).isEqualTo(Count.exact(5));
            assertThat(f.run(worker.cancel(List.of("5", "6", "2")).orElseThrow()).message()).isEqualTo("1 job cancelled (permanently failed).");
            assertThat(f.value("SELECT last_error FROM " + jobs(version) + " WHERE id = 5 AND attempts = max_attempts"))
                    .isEqualTo(GraphileWorkerAdapter.CANCEL_MESSAGE);
            assertThat(fetchAll(f, version)).containsExactly("7");

            // the purge: permanently failed jobs only, Graphile having deleted every job that succeeded, by the
            // time they last failed: 1 two minutes ago, and 5 cancelled a moment ago is too young
            assertThat(worker.eligible(f.db(), JobOperation.DELETE, JobFilter.all().withOlderThan(Duration.ofHours(1)), 1_000))
                    .isEqualTo(Count.ZERO);
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofMinutes(1));
            assertThat(worker.eligible(f.db(), JobOperation.DELETE, old, 1_000)).isEqualTo(Count.exact(1));
            assertThat(f.run(worker.deleteMatching(old, 1).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(f.run(worker.delete(List.of("5", "6")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(f.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM " + jobs(version))).isEqualTo("2,3,4,6,7,8");
            assertThat(worker.pause("crm")).isEmpty();
        }
    }

    /** Both Node.js libraries in one database: each found once, by its own adapter only. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void besidePgBossEachIsFoundOnce(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "graphile_worker_0_13.sql", "pgboss_v12.sql")) {
            // a second installation, as the worker's --schema option makes it
            f.execute(QueueFixture.sql("graphile_worker_0_16.sql").replace("graphile_worker", "billing"));
            assertThat(QueueLibraries.detect(f.db(), QueueLibraries.BUILT_IN)).extracting(QueueAdapter::key)
                    .containsExactlyInAnyOrder("Graphile Worker:billing", "Graphile Worker:graphile_worker", "pg-boss:pgboss");
            assertThat(GraphileWorkerAdapter.detect(f.db())).extracting(a -> a.depths(f.db(), DepthSettings.DEFAULTS).stream()
                    .flatMap(d -> d.byState().values().stream()).mapToLong(Count::value).sum()).containsExactly(8L, 8L);
        }
    }
}
