package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Job ids in the fixture, by creation: 1 failed (bounce), 2 locked in crm, 3 waiting in crm,
 * 4 retrying, 5 waiting, 6 locked, 7 waiting, 8 scheduled.
 */
class GraphileWorkerAdapterTest {

    private static final String FIXTURE = "graphile_worker.sql";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void derivesStatesFromLocksAndAttempts(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
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

            assertThat(worker.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("(no queue) null 2", "crm null 0");
            assertThat(worker.throughput(f.db(), Duration.ofMinutes(5)).get(0).failureRate()).isNaN();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesTasksAndShowsTheLastError(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            GraphileWorkerAdapter worker = GraphileWorkerAdapter.detect(f.db()).get(0);
            assertThat(worker.jobs(f.db(), JobFilter.all().withKind("send_email")).jobs()).extracting(Job::id)
                    .containsExactly("8", "7", "5", "1");
            assertThat(worker.jobs(f.db(), JobFilter.all().withQueue("crm")).jobs()).extracting(Job::id, Job::libraryState)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("3", "waiting"),
                            org.assertj.core.groups.Tuple.tuple("2", "locked"));
            JobDetail failed = worker.job(f.db(), "1").orElseThrow();
            assertThat(failed.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(failed.job().args()).contains("bounce@example.com");
            assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("Error: 550 mailbox unavailable"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryResetsAttemptsThroughRescheduleJobsAndSkipsLockedJobs(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            GraphileWorkerAdapter worker = GraphileWorkerAdapter.detect(f.db()).get(0);
            assertThat(f.run(worker.retryMatching(JobFilter.all(), 2).orElseThrow()).message())
                    .isEqualTo("2 jobs rescheduled with attempts reset.");
            assertThat(f.value("SELECT string_agg(id || ':' || attempts, ',' ORDER BY id) FROM graphile_worker._private_jobs"
                    + " WHERE run_at <= now() AND locked_at IS NULL")).isEqualTo("1:0,3:0,4:0,5:0,7:0");
            assertThat(f.value("SELECT attempts || ' ' || locked_by FROM graphile_worker._private_jobs WHERE id = 2")).isEqualTo("1 worker-9");
            assertThat(f.run(worker.retry(List.of("1", "2", "4", "5")).orElseThrow()).message()).startsWith("No job changed");
            assertThat(f.run(worker.cancel(List.of("8", "6", "2")).orElseThrow()).message()).isEqualTo("1 job cancelled (permanently failed).");
            assertThat(f.value("SELECT last_error FROM graphile_worker._private_jobs WHERE id = 8 AND attempts = max_attempts"))
                    .isEqualTo(GraphileWorkerAdapter.CANCEL_MESSAGE);
            assertThat(worker.pause("crm")).isEmpty();
        }
    }
}
