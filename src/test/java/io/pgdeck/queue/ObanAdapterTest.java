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

/**
 * Oban at the schema versions still in use, each fixture written for pgdeck following one release's
 * migrations (oban_v01 Oban 0.2.0, oban_v07 0.12.0, oban_v08 1.0.0 on top of it, oban_v12 2.17.0, oban_v14
 * 2.23.1); a retry or cancel is checked against what that release's fetch ({@link ObanFetch}) would then take.
 */
class ObanAdapterTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void countsEveryStateByQueueReadingUtcTimestamps(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "oban_v14.sql")) {
            List<ObanAdapter> found = ObanAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("public");
            ObanAdapter oban = found.get(0);
            assertThat(oban.libraryStates()).containsExactly("available", "suspended", "scheduled", "executing",
                    "retryable", "completed", "discarded", "cancelled");
            assertThat(oban.limits()).isEmpty();

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
        try (QueueFixture f = QueueFixture.load(pg, "oban_v14.sql")) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            JobDetail eleven = oban.job(f.db(), "11").orElseThrow();
            assertThat(eleven.job().kind()).isEqualTo("MyApp.Export");
            assertThat(eleven.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(eleven.job().lastError()).isEqualTo("** (ArgumentError) bad report again");
            assertThat(eleven.job().worker()).isEqualTo("2b7d1a0e-0000-4000-8000-000000000001");
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
    void retriedJobsAreFetchedOnceByTheBasicEngineAndExecutingOnesNever(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "oban_v14.sql")) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            // job 11 used its two attempts: fetch_jobs takes it only because the retry raised max_attempts
            assertThat(ObanFetch.BASIC.fetch(f, "public", "default")).containsExactly(1L, 2L);
            assertThat(oban.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(4));
            assertThat(f.run(oban.retryMatching(JobFilter.all(), 4).orElseThrow()).message())
                    .isEqualTo("4 jobs back to available.");
            assertThat(f.value("SELECT string_agg(id || ':' || state || ':' || max_attempts, ',' ORDER BY id) FROM public.oban_jobs"
                    + " WHERE id IN (4, 5, 6, 9, 11, 13)"))
                    .isEqualTo("4:scheduled:20,5:suspended:20,6:executing:20,9:completed:20,11:available:3,13:available:20");
            assertThat(f.value("SELECT count(*) FROM public.oban_jobs WHERE id IN (8, 11, 12, 13) AND discarded_at IS NULL"
                    + " AND cancelled_at IS NULL AND completed_at IS NULL AND scheduled_at <= timezone('UTC', now())"
                    + " AND scheduled_at > timezone('UTC', now()) - interval '1 minute'")).isEqualTo(4L);
            assertThat(oban.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.ZERO);

            assertThat(ObanFetch.BASIC.fetch(f, "public", "default")).containsExactly(11L, 13L);
            assertThat(ObanFetch.BASIC.fetch(f, "public", "events")).containsExactly(3L, 8L, 12L);
            assertThat(ObanFetch.BASIC.fetch(f, "public", "default")).isEmpty();
            assertThat(ObanFetch.BASIC.fetch(f, "public", "events")).isEmpty();
            assertThat(f.value("SELECT string_agg(id || ':' || attempt, ',' ORDER BY id) FROM public.oban_jobs WHERE id IN (6, 7, 11)"))
                    .isEqualTo("6:1,7:1,11:3");
            assertThat(f.run(oban.retry(List.of("11", "13", "6")).orElseThrow()).message()).startsWith("No job changed");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void cancelsWhatHasNotStartedDeletesWhatIsNotExecutingAndPurgesOldFinishedJobs(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "oban_v14.sql")) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            assertThat(f.run(oban.cancel(List.of("1", "4", "5", "7")).orElseThrow()).message()).isEqualTo("3 jobs cancelled.");
            assertThat(f.value("SELECT string_agg(id || ':' || state, ',' ORDER BY id) FROM public.oban_jobs"
                    + " WHERE id IN (1, 4, 5, 7) AND (state <> 'cancelled' OR cancelled_at IS NOT NULL)"))
                    .isEqualTo("1:cancelled,4:cancelled,5:cancelled,7:executing");
            assertThat(ObanFetch.BASIC.fetch(f, "public", "default")).containsExactly(2L);

            assertThat(f.run(oban.delete(List.of("6", "9")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(f.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.oban_jobs WHERE id IN (6, 9)")).isEqualTo("6");

            // finished over an hour ago: job 10 completed, job 12 discarded; job 13 was cancelled 50 minutes ago
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofHours(1));
            assertThat(oban.eligible(f.db(), JobOperation.DELETE, old, 100_000)).isEqualTo(Count.exact(2));
            assertThat(f.run(oban.deleteMatching(old, 2).orElseThrow()).message()).isEqualTo("2 jobs deleted.");
            assertThat(f.value("SELECT count(*) FROM public.oban_jobs WHERE id IN (10, 12)")).isEqualTo(0L);
            assertThat(oban.pause("default")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void oban217InAPrefixHasNoSuspendedStateAndRetriesAsItsEngine(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "oban_v12.sql")) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            assertThat(oban.schema()).isEqualTo("private");
            assertThat(oban.libraryStates()).containsExactly("available", "scheduled", "executing", "retryable",
                    "completed", "discarded", "cancelled");
            assertThat(oban.limits()).isEmpty();
            assertThat(f.run(oban.retry(List.of("8", "11", "6", "9")).orElseThrow()).message())
                    .isEqualTo("2 jobs back to available.");
            assertThat(ObanFetch.BASIC.fetch(f, "private", "default")).containsExactly(1L, 2L, 11L);
            assertThat(ObanFetch.BASIC.fetch(f, "private", "events")).containsExactly(3L, 8L);
            assertThat(f.run(oban.cancel(List.of("4", "7", "13")).orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(f.value("SELECT state::text FROM private.oban_jobs WHERE id = 4")).isEqualTo("cancelled");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void oban10BeforeTheCancelledStateDiscardsOnCancelAndClearsDiscardedAtOnRetry(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "oban_v07.sql", "oban_v08.sql")) {
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            assertThat(oban.libraryStates()).containsExactly("available", "scheduled", "executing", "retryable",
                    "completed", "discarded");
            assertThat(oban.limits()).singleElement().asString().contains("before migration V09");
            assertThat(oban.depths(f.db(), DepthSettings.DEFAULTS).get(0).count(SharedState.DEAD)).isEqualTo(Count.exact(1));

            assertThat(oban.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(3));
            assertThat(f.run(oban.retryMatching(JobFilter.all(), 3).orElseThrow()).message()).isEqualTo("3 jobs back to available.");
            assertThat(f.value("SELECT count(*) FROM public.oban_jobs WHERE id IN (8, 11, 12) AND state = 'available'"
                    + " AND discarded_at IS NULL AND completed_at IS NULL")).isEqualTo(3L);
            assertThat(ObanFetch.OBAN_1_0.fetch(f, "public", "default")).containsExactly(1L, 2L, 11L);
            assertThat(ObanFetch.OBAN_1_0.fetch(f, "public", "events")).containsExactly(3L, 8L, 12L);
            assertThat(ObanFetch.OBAN_1_0.fetch(f, "public", "events")).isEmpty();

            assertThat(oban.eligible(f.db(), JobOperation.CANCEL, JobFilter.all(), 100_000)).isEqualTo(Count.exact(1));
            assertThat(f.run(oban.cancel(List.of("4", "7")).orElseThrow()).message()).isEqualTo("1 job discarded.");
            assertThat(f.value("SELECT state || ':' || (discarded_at IS NOT NULL) FROM public.oban_jobs WHERE id = 4"))
                    .isEqualTo("discarded:true");
            assertThat(f.value("SELECT state::text FROM public.oban_jobs WHERE id = 7")).isEqualTo("executing");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void obanBeforeV08IsReadRetriedAndHasNoCancel(TestPostgres pg) {
        for (List<String> fixture : List.of(List.of("oban_v07.sql", "oban_v07_jobs.sql"), List.of("oban_v01.sql"))) {
            try (QueueFixture f = QueueFixture.load(pg, fixture.toArray(String[]::new))) {
                ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
                boolean v07 = fixture.size() == 2;
                ObanFetch fetch = v07 ? ObanFetch.OBAN_0_12 : ObanFetch.OBAN_0_2;
                assertThat(oban.limits()).singleElement().asString().contains("before migration V08");
                QueueDepth def = oban.depths(f.db(), DepthSettings.DEFAULTS).get(0);
                assertThat(def.byLibraryState()).containsEntry("available", Count.exact(2))
                        .containsEntry("executing", Count.exact(1)).containsEntry("discarded", Count.exact(1))
                        .containsEntry("completed", Count.exact(2));
                // a discarded job's end is its completed_at then
                assertThat(oban.throughput(f.db(), Duration.ofMinutes(5)))
                        .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                        .containsExactly("default 1 1", "events 0 1");
                JobDetail six = oban.job(f.db(), "6").orElseThrow();
                assertThat(six.job().worker()).isEqualTo(v07 ? "n1" : null);
                assertThat(six.job().priority()).isNull();
                assertThat(oban.cancel(List.of("1"))).isEmpty();
                assertThat(oban.eligible(f.db(), JobOperation.CANCEL, JobFilter.all(), 100_000)).isEqualTo(Count.ZERO);

                assertThat(f.run(oban.retry(List.of("8", "11", "12", "6", "9")).orElseThrow()).message())
                        .isEqualTo("3 jobs back to available.");
                assertThat(fetch.fetch(f, "public", "default")).containsExactly(1L, 2L, 11L);
                assertThat(fetch.fetch(f, "public", "events")).containsExactly(3L, 8L, 12L);
                assertThat(fetch.fetch(f, "public", "default")).isEmpty();
                assertThat(f.run(oban.delete(List.of("6", "10")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            }
        }
    }
}
