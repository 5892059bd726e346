package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * River at the schema versions still in use, each fixture written for pgdeck following one release's
 * migrations (river_v002 v0.0.1, river_v004 v0.5.0, river_v005 and river_v006 v0.12.0 upgrading it); a retry or
 * cancel is checked against what that release's JobGetAvailable ({@link RiverFetch}) would then take.
 */
class RiverAdapterTest {

    private static QueueFixture v006WithV002InBilling(TestPostgres pg) {
        return QueueFixture.load(pg, "river_v004.sql", "river_v005.sql", "river_v006.sql", "river_v004_jobs.sql",
                "river_v006_jobs.sql",
                "river_v002.sql");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void findsBothInstallationsAndCountsEveryStateByQueue(TestPostgres pg) {
        try (QueueFixture f = v006WithV002InBilling(pg)) {
            List<RiverAdapter> found = RiverAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("billing", "public");
            RiverAdapter billing = found.get(0);
            assertThat(billing.libraryStates()).doesNotContain("pending");
            assertThat(billing.limits()).singleElement().asString().contains("no pause");
            assertThat(billing.depths(f.db(), DepthSettings.DEFAULTS)).singleElement()
                    .satisfies(d -> assertThat(d.byLibraryState()).containsEntry("available", Count.exact(1))
                            .containsEntry("running", Count.exact(1)).containsEntry("discarded", Count.exact(1)));
            RiverAdapter river = found.get(1);
            assertThat(river.limits()).isEmpty();

            List<QueueDepth> depths = river.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers", "reports");
            QueueDepth def = depths.get(0);
            assertThat(def.byLibraryState()).containsExactly(
                    Map.entry("available", Count.exact(2)), Map.entry("cancelled", Count.ZERO),
                    Map.entry("completed", Count.exact(2)), Map.entry("discarded", Count.exact(2)),
                    Map.entry("pending", Count.exact(1)), Map.entry("retryable", Count.exact(2)),
                    Map.entry("running", Count.exact(1)), Map.entry("scheduled", Count.exact(1)));
            assertThat(def.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(2));
            assertThat(def.oldestWaiting()).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(9));
            assertThat(def.stuck()).isEqualTo(1);
            assertThat(def.paused()).isFalse();
            QueueDepth mailers = depths.get(1);
            assertThat(mailers.paused()).isTrue();
            assertThat(mailers.byState()).containsEntry(SharedState.WAITING, Count.exact(1))
                    .containsEntry(SharedState.RUNNING, Count.exact(1)).containsEntry(SharedState.DONE, Count.exact(1))
                    .containsEntry(SharedState.CANCELLED, Count.exact(1)).containsEntry(SharedState.DEAD, Count.ZERO);
            assertThat(mailers.oldestWaiting()).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));

            assertThat(river.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("default 1 3", "mailers 1 0");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void showsEveryRecordedErrorOldestFirst(TestPostgres pg) {
        try (QueueFixture f = v006WithV002InBilling(pg)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            JobDetail nine = river.job(f.db(), "9").orElseThrow();
            assertThat(nine.job().lastError()).isEqualTo("rate limited by upstream");
            assertThat(nine.job().worker()).isEqualTo("host-b");
            assertThat(nine.errors()).extracting(JobError::attempt, JobError::message, JobError::trace)
                    .containsExactly(tuple(1, "timeout", null), tuple(2, "rate limited by upstream", "client.go:7"));
            assertThat(river.jobs(f.db(), JobFilter.all().withQueue("mailers").withState(SharedState.WAITING)).jobs())
                    .extracting(Job::id).containsExactly("3");
            assertThat(river.jobs(f.db(), JobFilter.all().withText("BOOM")).jobs()).extracting(Job::id).containsExactly("13");
            assertThat(river.jobs(f.db(), new JobFilter(null, null, "pending", null, null, null, 10)).jobs())
                    .extracting(Job::id, Job::state).containsExactly(tuple("5", SharedState.SCHEDULED));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retryMovesEveryJobWhoseKeyIsFreeAndNamesTheOthersAsRiversJobRetryWould(TestPostgres pg) {
        try (QueueFixture f = v006WithV002InBilling(pg)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            // 20's key is held by 40; 22 and 23 share a key nobody holds yet, so both count
            assertThat(river.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(8));
            assertThat(f.run(river.retryMatching(JobFilter.all(), 8).orElseThrow()).message())
                    .isEqualTo("7 jobs back to available; 2 not: job 20's unique key is held by job 40 (available),"
                            + " job 23's unique key is held by job 22 (available).");
            assertThat(f.value("SELECT string_agg(id || ':' || state || ':' || max_attempts, ',' ORDER BY id) FROM public.river_job"
                    + " WHERE id IN (4, 5, 6, 10, 13, 14, 20, 23)"))
                    .isEqualTo("4:scheduled:25,5:pending:25,6:running:25,10:completed:25,13:available:4,14:available:25,"
                            + "20:discarded:1,23:cancelled:25");
            assertThat(f.value("SELECT count(*) FROM public.river_job WHERE id IN (8, 9, 13, 14, 15, 21, 22)"
                    + " AND state = 'available' AND finalized_at IS NULL AND scheduled_at <= now()")).isEqualTo(7L);
            assertThat(river.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.ZERO);

            assertThat(RiverFetch.V0_5.fetch(f, "public", "default")).containsExactly(1L, 2L, 8L, 9L, 13L, 14L);
            assertThat(RiverFetch.V0_5.fetch(f, "public", "mailers")).containsExactly(3L, 15L);
            assertThat(RiverFetch.V0_5.fetch(f, "public", "reports")).containsExactly(21L, 22L, 40L);
            for (String queue : List.of("default", "mailers", "reports")) {
                assertThat(RiverFetch.V0_5.fetch(f, "public", queue)).isEmpty();
            }
            assertThat(f.value("SELECT string_agg(id || ':' || attempt, ',' ORDER BY id) FROM public.river_job WHERE id IN (6, 7, 13)"))
                    .isEqualTo("6:1,7:1,13:4");
            assertThat(f.run(river.retry(List.of("20", "6")).orElseThrow()).message())
                    .isEqualTo("No job back to available; 1 not: job 20's unique key is held by job 40 (running).");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pausesResumesCancelsDeletesAndPurgesAsRiverDoes(TestPostgres pg) throws SQLException {
        try (QueueFixture f = v006WithV002InBilling(pg)) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(1);
            try (Connection client = f.connect(); Statement listen = client.createStatement()) {
                // a River client with a listener hears of a pause only on its control topic
                listen.execute("LISTEN \"public.river_control\"");
                assertThat(f.run(river.pause("default").orElseThrow()).message()).isEqualTo("1 queue paused.");
                assertThat(client.unwrap(PGConnection.class).getNotifications(5_000))
                        .extracting(PGNotification::getParameter)
                        .containsExactly("{\"action\" : \"pause\", \"queue\" : \"default\"}");
            }
            assertThat(f.run(river.pause("default").orElseThrow()).message()).startsWith("No queue changed");
            assertThat(f.value("SELECT count(*) FROM public.river_queue WHERE paused_at IS NOT NULL")).isEqualTo(2L);
            assertThat(f.run(river.resume("mailers").orElseThrow()).message()).isEqualTo("1 queue resumed.");
            assertThat(f.value("SELECT name FROM public.river_queue WHERE paused_at IS NULL")).isEqualTo("mailers");

            assertThat(river.eligible(f.db(), JobOperation.CANCEL, JobFilter.all().withQueue("default"), 1000))
                    .isEqualTo(Count.exact(6));
            assertThat(f.run(river.cancel(List.of("1", "4", "6", "10")).orElseThrow()).message()).isEqualTo("2 jobs cancelled.");
            assertThat(f.value("SELECT string_agg(id || ':' || state || ':' || (metadata ->> 'cancel_attempted_at' IS NOT NULL), ',' ORDER BY id)"
                    + " FROM public.river_job WHERE id IN (1, 4, 6, 10)"))
                    .isEqualTo("1:cancelled:true,4:cancelled:true,6:running:false,10:completed:false");
            assertThat(RiverFetch.V0_5.fetch(f, "public", "default")).containsExactly(2L);

            assertThat(f.run(river.delete(List.of("6", "10")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            // finalized over an hour ago: 12 completed, 14, 20 and 21 discarded, 22 and 23 cancelled
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofHours(1));
            assertThat(river.eligible(f.db(), JobOperation.DELETE, old, 100_000)).isEqualTo(Count.exact(6));
            assertThat(f.run(river.deleteMatching(old, 6).orElseThrow()).message()).isEqualTo("6 jobs deleted.");
            assertThat(f.value("SELECT string_agg(id::text, ',' ORDER BY id) FROM public.river_job WHERE finalized_at IS NOT NULL"))
                    .isEqualTo("1,4,11,13,15");
            assertThat(RiverAdapter.detect(f.db()).get(0).pause("default")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void river05AtMigration004RetriesCancelsAndPausesWithoutUniqueKeys(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "river_v004.sql", "river_v004_jobs.sql")) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(0);
            assertThat(river.libraryStates()).contains("pending");
            assertThat(river.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 100_000)).isEqualTo(Count.exact(5));
            assertThat(f.run(river.retryMatching(JobFilter.all(), 5).orElseThrow()).message()).isEqualTo("5 jobs back to available.");
            assertThat(RiverFetch.V0_5.fetch(f, "public", "default")).containsExactly(1L, 2L, 8L, 9L, 13L, 14L);
            assertThat(RiverFetch.V0_5.fetch(f, "public", "default")).isEmpty();
            assertThat(f.run(river.cancel(List.of("5", "7")).orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(f.run(river.pause("default").orElseThrow()).message()).isEqualTo("1 queue paused.");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void atMigration005AKeyIsHeldWhateverTheStateSoACancelFreesItAsJobCancelOfThatTimeDid(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "river_v004.sql", "river_v005.sql", "river_v004_jobs.sql")) {
            f.execute("UPDATE public.river_job SET unique_key = '\\x05' WHERE id = 4");
            RiverAdapter river = RiverAdapter.detect(f.db()).get(0);
            assertThat(f.run(river.cancel(List.of("4")).orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(f.value("SELECT state || ':' || (unique_key IS NULL) FROM public.river_job WHERE id = 4"))
                    .isEqualTo("cancelled:true");
            assertThat(f.run(river.retryMatching(JobFilter.all(), 6).orElseThrow()).message()).isEqualTo("6 jobs back to available.");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void river001AtMigration002RetriesAndCancelsAsItsFetchSees(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "river_v002.sql")) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(0);
            assertThat(river.schema()).isEqualTo("billing");
            assertThat(f.run(river.retry(List.of("3", "4", "6", "2", "5")).orElseThrow()).message())
                    .isEqualTo("3 jobs back to available.");
            assertThat(f.value("SELECT max_attempts FROM billing.river_job WHERE id = 4")).isEqualTo((short) 4);
            assertThat(RiverFetch.V0_0_1.fetch(f, "billing", "default")).containsExactly(1L, 3L, 4L, 6L);
            assertThat(RiverFetch.V0_0_1.fetch(f, "billing", "default")).isEmpty();
            assertThat(f.run(river.cancel(List.of("7", "2")).orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(river.pause("default")).isEmpty();
        }
    }
}
