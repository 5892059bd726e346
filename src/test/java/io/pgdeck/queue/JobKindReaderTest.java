package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The breakdown by kind of a JobTableAdapter, on the seed's job_queue and on River. */
class JobKindReaderTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theSeedQueueByJobTypeLargestFirstWithFailuresInTheWindow(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "seed_job_queue.sql")) {
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);

            List<KindDepth> kinds = seed.kinds(f.db(), "job_queue", DepthSettings.DEFAULTS, WINDOW);

            assertThat(kinds).extracting(k -> k.kind() + " " + k.count(SharedState.WAITING) + " "
                    + k.count(SharedState.SCHEDULED) + " " + k.count(SharedState.RUNNING) + " "
                    + k.count(SharedState.RETRYABLE) + " " + k.count(SharedState.DEAD) + " failed " + k.failed())
                    .as("refresh_analytics has only completed jobs: finished jobs are not counted by kind")
                    .containsExactly(
                            "sync_youtube 1 0 2 1 0 failed 1",
                            "send_digest_email 0 2 0 0 0 failed 0",
                            "sync_tiktok 1 0 0 0 1 failed 1",
                            "sync_instagram 0 0 0 1 0 failed 1",
                            "transcode_video 1 0 0 0 0 failed 0");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aLargeStateIsEstimatedPerKindAndTheSmallOnesStayExact(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "seed_job_queue.sql")) {
            f.execute("INSERT INTO streamvibe.job_queue (user_id, job_type, status, scheduled_for)"
                    + " SELECT gen_random_uuid(), 'sync_youtube', 'pending', now() - interval '2 days'"
                    + " FROM generate_series(1, 5000); ANALYZE streamvibe.job_queue");
            SeedJobQueueAdapter seed = SeedJobQueueAdapter.detect(f.db(), DepthSettings.SEED_RETRY_LIMIT).get(0);

            List<KindDepth> kinds = seed.kinds(f.db(), "job_queue", new DepthSettings(1000, Duration.ofMinutes(30)), WINDOW);

            KindDepth youtube = kinds.get(0);
            assertThat(youtube.kind()).isEqualTo("sync_youtube");
            assertThat(youtube.count(SharedState.WAITING).estimated()).isTrue();
            assertThat(youtube.count(SharedState.WAITING).value()).isBetween(4500L, 5500L);
            assertThat(youtube.count(SharedState.RUNNING)).isEqualTo(Count.exact(2));
            assertThat(youtube.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(1));
            assertThat(kinds).extracting(KindDepth::kind).contains("send_digest_email", "sync_instagram");
            assertThat(kinds).filteredOn(k -> k.kind().equals("send_digest_email")).singleElement()
                    .satisfies(k -> assertThat(k.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(2)));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void riverKindsOfOneQueueOnly(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, "river_v004.sql", "river_v004_jobs.sql")) {
            RiverAdapter river = RiverAdapter.detect(f.db()).get(0);

            List<KindDepth> kinds = river.kinds(f.db(), "default", DepthSettings.DEFAULTS, WINDOW);

            assertThat(kinds).extracting(KindDepth::kind)
                    .containsExactly("sync_account", "build_report", "transcode", "workflow_step");
            KindDepth sync = kinds.get(0);
            assertThat(sync.count(SharedState.WAITING)).isEqualTo(Count.exact(2));
            assertThat(sync.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(2));
            assertThat(sync.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
            assertThat(sync.failed()).as("8 and 9 failed, 13 was discarded within five minutes").isEqualTo(3);
            assertThat(river.kinds(f.db(), "mailers", DepthSettings.DEFAULTS, WINDOW))
                    .as("send_email waits and runs in mailers; its cancelled and completed jobs are not counted")
                    .singleElement().satisfies(k -> {
                        assertThat(k.kind()).isEqualTo("send_email");
                        assertThat(k.total()).isEqualTo(Count.exact(2));
                    });
        }
    }
}
