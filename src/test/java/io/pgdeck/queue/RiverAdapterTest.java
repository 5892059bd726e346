package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RiverAdapterTest {

    private static final String FIXTURE = "river.sql";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void findsBothInstallationsAndCountsEveryStateByQueue(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            List<RiverAdapter> found = RiverAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("billing", "river_app");
            assertThat(found.get(0).libraryStates()).doesNotContain("pending");
            assertThat(found.get(0).depths(f.db(), DepthSettings.DEFAULTS)).singleElement()
                    .satisfies(d -> assertThat(d.count(SharedState.WAITING)).isEqualTo(Count.exact(1)));
            RiverAdapter river = found.get(1);

            List<QueueDepth> depths = river.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers");
            QueueDepth def = depths.get(0);
            assertThat(def.byLibraryState()).containsExactly(
                    Map.entry("available", Count.exact(2)), Map.entry("cancelled", Count.ZERO),
                    Map.entry("completed", Count.exact(2)), Map.entry("discarded", Count.exact(2)),
                    Map.entry("pending", Count.exact(1)), Map.entry("retryable", Count.exact(2)),
                    Map.entry("running", Count.exact(1)), Map.entry("scheduled", Count.exact(1)));
            assertThat(def.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(2));
            assertThat(def.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(def.oldestWaiting()).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(9));
            assertThat(def.stuck()).isEqualTo(1);
            assertThat(def.paused()).isFalse();
            QueueDepth mailers = depths.get(1);
            assertThat(mailers.paused()).isTrue();
            assertThat(mailers.byState()).containsEntry(SharedState.WAITING, Count.exact(1))
                    .containsEntry(SharedState.RUNNING, Count.exact(1)).containsEntry(SharedState.DONE, Count.exact(1))
                    .containsEntry(SharedState.CANCELLED, Count.exact(1)).containsEntry(SharedState.DEAD, Count.ZERO);
            assertThat(mailers.oldestWaiting()).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
            assertThat(mailers.stuck()).isZero();

            assertThat(river.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("default 1 3", "mailers 1 0");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void showsEveryRecordedErrorOldestFirst(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            JobDetail nine = river.job(f.db(), "9").orElseThrow();
            assertThat(nine.job().lastError()).isEqualTo("rate limited by upstream");
            assertThat(nine.job().worker()).isEqualTo("host-b");
            assertThat(nine.errors()).extracting(JobError::attempt, JobError::message, JobError::trace)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "timeout", null),
                            org.assertj.core.groups.Tuple.tuple(2, "rate limited by upstream", "client.go:7"));
            assertThat(nine.errors().get(1).at()).isEqualTo("2026-01-01T10:05:00Z");
            assertThat(river.jobs(f.db(), JobFilter.all().withQueue("mailers").withState(SharedState.WAITING)).jobs())
                    .extracting(Job::id).containsExactly("3");
            assertThat(river.jobs(f.db(), JobFilter.all().withText("BOOM")).jobs()).extracting(Job::id).containsExactly("13");
            assertThat(river.jobs(f.db(), new JobFilter(null, null, "pending", null, null, null, 10)).jobs())
                    .extracting(Job::id, Job::state).containsExactly(org.assertj.core.groups.Tuple.tuple("5", SharedState.SCHEDULED));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryMovesFailedDiscardedAndCancelledJobsAndGivesExhaustedOnesOneMoreAttempt(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            long matching = river.count(f.db(), JobFilter.all(), 100_000).value();
            ActionResult result = f.run(river.retryMatching(JobFilter.all(), matching).orElseThrow());
            assertThat(result.message()).isEqualTo("5 jobs back to available.");
            assertThat(f.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM river_app.river_job"
                    + " WHERE state = 'available' AND finalized_at IS NULL AND scheduled_at <= now()")).isEqualTo("1,2,3,8,9,13,14,15");
            assertThat(f.value("SELECT max_attempts FROM river_app.river_job WHERE id = 13")).isEqualTo((short) 4);
            assertThat(f.value("SELECT max_attempts FROM river_app.river_job WHERE id = 14")).isEqualTo((short) 25);
            assertThat(f.value("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM river_app.river_job"
                    + " WHERE id IN (4, 5, 6, 7, 10, 11, 12)"))
                    .isEqualTo("4:scheduled,5:pending,6:running,7:running,10:completed,11:completed,12:completed");
            assertThat(f.run(river.retryMatching(JobFilter.all(), matching).orElseThrow()).message()).startsWith("No job changed");
            assertThat(f.run(river.retry(List.of("6", "10")).orElseThrow()).message()).startsWith("No job changed");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pausesAndResumesAQueueOnceAndCancelsOnlyJobsNotStarted(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            assertThat(f.run(river.pause("default").orElseThrow()).message()).isEqualTo("1 queue paused.");
            assertThat(f.run(river.pause("default").orElseThrow()).message()).startsWith("No queue changed");
            assertThat(f.value("SELECT count(*) FROM river_app.river_queue WHERE paused_at IS NOT NULL")).isEqualTo(2L);
            assertThat(f.run(river.resume("mailers").orElseThrow()).message()).isEqualTo("1 queue resumed.");
            assertThat(f.value("SELECT name FROM river_app.river_queue WHERE paused_at IS NULL")).isEqualTo("mailers");

            assertThat(f.run(river.cancel(List.of("1", "4", "6", "10")).orElseThrow()).message()).isEqualTo("2 jobs cancelled.");
            assertThat(f.value("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM river_app.river_job WHERE id IN (1, 4, 6, 10)"))
                    .isEqualTo("1:cancelled,4:cancelled,6:running,10:completed");
            assertThat(RiverAdapter.detect(f.db()).get(0).pause("default")).isEmpty();
        }
    }
}
