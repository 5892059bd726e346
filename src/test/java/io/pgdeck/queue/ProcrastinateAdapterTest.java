package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProcrastinateAdapterTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void depthsSplitTodoIntoWaitingScheduledAndRetry(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PROCRASTINATE)) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Procrastinate:public");
            ProcrastinateAdapter procrastinate = ProcrastinateAdapter.detect(planted.db()).get(0);

            List<QueueDepth> depths = procrastinate.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "emails");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("todo", Count.exact(4)), Map.entry("doing", Count.exact(1)),
                    Map.entry("aborting", Count.exact(1)), Map.entry("succeeded", Count.exact(1)),
                    Map.entry("failed", Count.exact(2)), Map.entry("cancelled", Count.exact(1)),
                    Map.entry("aborted", Count.exact(1)));
            assertThat(main.count(SharedState.WAITING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.DONE)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.CANCELLED)).isEqualTo(Count.exact(2));
            // job 1 was deferred ten minutes ago (its 'deferred' event)
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            QueueDepth emails = depths.get(1);
            assertThat(emails.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(emails.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesWithAFilterAndKeysetPages(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PROCRASTINATE)) {
            ProcrastinateAdapter procrastinate = ProcrastinateAdapter.detect(planted.db()).get(0);
            JobFilter default4 = new JobFilter("default", null, null, null, null, null, 4);
            JobPage first = procrastinate.jobs(planted.db(), default4);
            assertThat(first.jobs()).extracting(Job::id).containsExactly("11", "10", "9", "8");
            assertThat(first.jobs()).extracting(Job::state).containsExactly(SharedState.CANCELLED,
                    SharedState.CANCELLED, SharedState.DEAD, SharedState.DEAD);
            JobPage second = procrastinate.jobs(planted.db(), default4.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("7", "6", "5", "4");
            assertThat(second.jobs().get(3).libraryState()).isEqualTo("todo");
            assertThat(second.jobs().get(3).state()).isEqualTo(SharedState.RETRYABLE);
            JobPage third = procrastinate.jobs(planted.db(), default4.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly("3", "2", "1");
            assertThat(third.hasNext()).isFalse();
            assertThat(third.jobs().get(2).createdAt()).isNotNull();

            JobFilter failedCharges = new JobFilter(null, SharedState.DEAD, null, "tasks.charge_card", null, null, 10);
            assertThat(procrastinate.jobs(planted.db(), failedCharges).jobs()).extracting(Job::id).containsExactly("9", "8");
            assertThat(procrastinate.count(planted.db(), failedCharges, 1000)).isEqualTo(Count.exact(2));
            assertThat(procrastinate.count(planted.db(), JobFilter.all().withText("\"N\": 1"), 1000)).isEqualTo(Count.exact(13));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryPutsFailedJobsBackToTodoOnceAndRespectsQueueingLocks(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PROCRASTINATE)) {
            ProcrastinateAdapter procrastinate = ProcrastinateAdapter.detect(planted.db()).get(0);
            String others = "SELECT id, status, scheduled_at, attempts FROM procrastinate_jobs WHERE id NOT IN (8, 9) ORDER BY id";
            List<String> before = planted.rows(others);

            // 12 is failed but job 13 holds its queueing lock in todo: retrying it would break the lock
            var retry = procrastinate.retry(List.of("8", "9", "12", "1", "5", "7", "10")).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("2 jobs back to todo.");
            assertThat(planted.rows("SELECT id, status, scheduled_at <= now(), attempts FROM procrastinate_jobs"
                    + " WHERE id IN (8, 9) ORDER BY id")).containsExactly("8|todo|t|3", "9|todo|t|3");
            assertThat(planted.rows(others)).isEqualTo(before);
            assertThat(procrastinate.depths(planted.db(), DepthSettings.DEFAULTS).get(0).count(SharedState.WAITING))
                    .isEqualTo(Count.exact(4));

            List<String> after = planted.rows("SELECT id, status, scheduled_at, attempts FROM procrastinate_jobs ORDER BY id");
            assertThat(planted.run(retry).message()).startsWith("No job changed");
            assertThat(planted.rows("SELECT id, status, scheduled_at, attempts FROM procrastinate_jobs ORDER BY id"))
                    .isEqualTo(after);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void cancelOnlyTouchesTodoJobsAndRecordsTheEvent(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PROCRASTINATE)) {
            ProcrastinateAdapter procrastinate = ProcrastinateAdapter.detect(planted.db()).get(0);
            var cancel = procrastinate.cancel(List.of("1", "3", "5", "7")).orElseThrow();
            assertThat(planted.run(cancel).message()).isEqualTo("2 jobs cancelled.");
            assertThat(planted.rows("SELECT id, status FROM procrastinate_jobs WHERE id IN (1, 3, 5, 7) ORDER BY id"))
                    .containsExactly("1|cancelled", "3|cancelled", "5|doing", "7|succeeded");
            assertThat(planted.rows("SELECT job_id FROM procrastinate_events WHERE type = 'cancelled' ORDER BY job_id"))
                    .containsExactly("1", "3");
            assertThat(planted.run(cancel).message()).startsWith("No job changed");
            assertThat(procrastinate.pause("default")).isEmpty();
            assertThat(procrastinate.throughput(planted.db(), Duration.ofHours(1)))
                    .extracting(t -> t.queue().name()).contains("default", "emails");
        }
    }
}
