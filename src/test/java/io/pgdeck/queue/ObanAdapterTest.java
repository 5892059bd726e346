package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObanAdapterTest {

    private static final String FIXTURE = "oban.sql";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void countsEveryStateByQueueReadingUtcTimestamps(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            List<ObanAdapter> found = ObanAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("public");
            ObanAdapter oban = found.get(0);
            assertThat(oban.libraryStates()).containsExactly("available", "scheduled", "suspended", "executing",
                    "retryable", "completed", "discarded", "cancelled");

            List<QueueDepth> depths = oban.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "events");
            QueueDepth def = depths.get(0);
            assertThat(def.byState()).isEqualTo(Map.of(SharedState.WAITING, Count.exact(2),
                    SharedState.SCHEDULED, Count.exact(2), SharedState.RUNNING, Count.exact(1),
                    SharedState.RETRYABLE, Count.ZERO, SharedState.DEAD, Count.exact(1),
                    SharedState.DONE, Count.exact(2), SharedState.CANCELLED, Count.exact(1)));
            assertThat(def.oldestWaiting()).isBetween(Duration.ofMinutes(6), Duration.ofMinutes(7));
            assertThat(def.stuck()).isEqualTo(1);
            QueueDepth events = depths.get(1);
            assertThat(events.byLibraryState()).containsEntry("available", Count.exact(1))
                    .containsEntry("executing", Count.exact(1)).containsEntry("retryable", Count.exact(1))
                    .containsEntry("discarded", Count.exact(1));
            assertThat(events.stuck()).isZero();

            assertThat(oban.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("default 1 1", "events 0 1");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesAndShowsErrorsWithUtcTimes(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            JobDetail eleven = oban.job(f.db(), "11").orElseThrow();
            assertThat(eleven.job().kind()).isEqualTo("MyApp.Export");
            assertThat(eleven.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(eleven.job().lastError()).isEqualTo("** (ArgumentError) bad report again");
            assertThat(eleven.errors()).extracting(JobError::attempt, JobError::at)
                    .containsExactly(tuple(1, OffsetDateTime.parse("2026-01-01T10:00:00Z")),
                            tuple(2, OffsetDateTime.parse("2026-01-01T10:01:00Z")));
            assertThat(eleven.job().createdAt()).isBetween(OffsetDateTime.now().minusMinutes(11), OffsetDateTime.now().minusMinutes(9));
            assertThat(oban.jobs(f.db(), JobFilter.all().withKind("MyApp.Track").withState(SharedState.DEAD)).jobs())
                    .extracting(Job::id).containsExactly("12");
            assertThat(oban.jobs(f.db(), JobFilter.all().withText("upstream 503")).jobs()).extracting(Job::id).containsExactly("8");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryRaisesMaxAttemptsLikeObanAndLeavesExecutingJobsAlone(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            assertThat(f.run(oban.retryMatching(JobFilter.all().withQueue("default"), 3).orElseThrow()).message())
                    .isEqualTo("2 jobs back to available.");
            assertThat(f.value("SELECT string_agg(id || ':' || state || ':' || max_attempts, ',' ORDER BY id) FROM public.oban_jobs"
                    + " WHERE id IN (6, 8, 9, 11, 12, 13)"))
                    .isEqualTo("6:executing:20,8:retryable:20,9:completed:20,11:available:3,12:discarded:20,13:available:20");
            assertThat(f.value("SELECT count(*) FROM public.oban_jobs WHERE id IN (11, 13) AND discarded_at IS NULL"
                    + " AND cancelled_at IS NULL AND scheduled_at <= timezone('UTC', now())"
                    + " AND scheduled_at > timezone('UTC', now()) - interval '1 minute'")).isEqualTo(2L);
            assertThat(f.run(oban.retry(List.of("11", "13", "6")).orElseThrow()).message()).startsWith("No job changed");
            assertThat(f.run(oban.cancel(List.of("1", "4", "5", "7")).orElseThrow()).message()).isEqualTo("3 jobs cancelled.");
            assertThat(f.value("SELECT state::text FROM public.oban_jobs WHERE id = 7")).isEqualTo("executing");
            assertThat(oban.pause("default")).isEmpty();
        }
    }
}
