package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PgmqAdapterTest {

    private static final String EMAILS = "SELECT msg_id, read_ct, vt FROM pgmq.q_emails ORDER BY msg_id";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void depthsCountVisibleDelayedReadAndArchivedMessagesPerQueue(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PGMQ)) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("pgmq:pgmq");
            PgmqAdapter pgmq = PgmqAdapter.detect(planted.db()).get(0);

            List<QueueDepth> depths = pgmq.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactlyInAnyOrder("emails", "Webhooks");
            QueueDepth emails = depths.stream().filter(d -> d.queue().name().equals("emails")).findFirst().orElseThrow();
            assertThat(emails.byLibraryState()).containsExactly(
                    Map.entry("visible", Count.exact(3)), Map.entry("delayed", Count.exact(1)),
                    Map.entry("read", Count.exact(2)), Map.entry("visible again", Count.exact(1)),
                    Map.entry("archived", Count.exact(2)));
            assertThat(emails.count(SharedState.WAITING)).isEqualTo(Count.exact(3));
            assertThat(emails.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
            assertThat(emails.count(SharedState.RUNNING)).isEqualTo(Count.exact(2));
            assertThat(emails.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(1));
            assertThat(emails.count(SharedState.DONE)).isEqualTo(Count.exact(2));
            assertThat(emails.count(SharedState.DEAD)).isEqualTo(Count.ZERO);
            assertThat(emails.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            QueueDepth webhooks = depths.stream().filter(d -> d.queue().name().equals("Webhooks")).findFirst().orElseThrow();
            assertThat(webhooks.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(webhooks.oldestWaiting()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(150));

            QueueThroughput hours = pgmq.throughput(planted.db(), Duration.ofMinutes(90)).stream()
                    .filter(t -> t.queue().name().equals("emails")).findFirst().orElseThrow();
            assertThat(hours.done()).isEqualTo(1);
            assertThat(hours.failed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesLiveAndArchivedMessagesWithAFilterAndKeysetPages(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PGMQ)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(planted.db()).get(0);
            JobFilter byFour = new JobFilter("emails", null, null, null, null, null, 4);
            JobPage first = pgmq.jobs(planted.db(), byFour);
            assertThat(first.jobs()).extracting(Job::id).containsExactly("emails:3", "emails:4", "emails:5", "emails:6");
            assertThat(first.jobs()).extracting(Job::libraryState).containsExactly("visible", "delayed", "read", "read");
            JobPage second = pgmq.jobs(planted.db(), byFour.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("emails:2", "emails:1", "emails:7", "emails:100");
            assertThat(second.jobs().get(3).state()).isEqualTo(SharedState.DONE);
            JobPage third = pgmq.jobs(planted.db(), byFour.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly("emails:101");
            assertThat(third.hasNext()).isFalse();

            assertThat(pgmq.jobs(planted.db(), JobFilter.all().withState(SharedState.RUNNING)).jobs())
                    .extracting(Job::id).containsExactly("emails:5", "emails:6");
            assertThat(pgmq.jobs(planted.db(), JobFilter.all().withText("STUCK@")).jobs())
                    .extracting(Job::id).containsExactly("emails:6");
            assertThat(pgmq.count(planted.db(), JobFilter.all(), 1000)).isEqualTo(Count.exact(10));
            assertThat(pgmq.job(planted.db(), "Webhooks:1").orElseThrow().job().args()).contains("example.com/hook");
            assertThat(pgmq.job(planted.db(), "emails:100").orElseThrow().job().finishedAt()).isNotNull();
            assertThatThrownBy(() -> pgmq.job(planted.db(), "emails")).hasMessageContaining("not a pgmq message id");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retrySetsReadMessagesVisibleOnceAndSaysWhatArchivedOnesCannot(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PGMQ)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(planted.db()).get(0);
            List<String> before = planted.rows(EMAILS);
            List<String> archive = planted.rows("SELECT * FROM pgmq.a_emails ORDER BY msg_id");
            List<String> webhooks = planted.rows("SELECT * FROM pgmq.q_webhooks");

            var retry = pgmq.retry(List.of("emails:5", "emails:6", "emails:1", "emails:7", "emails:100", "emails:4",
                    "Webhooks:1")).orElseThrow();
            assertThat(retry.plan().sql()).contains("\"pgmq\".\"set_vt\"('emails', \"picked\".\"msg_id\", 0)");
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).startsWith("2 messages visible again; 5 not:")
                    .contains("an archived one cannot come back");
            assertThat(planted.rows("SELECT msg_id, read_ct, vt <= now() FROM pgmq.q_emails WHERE msg_id IN (5, 6) ORDER BY msg_id"))
                    .containsExactly("5|1|t", "6|1|t");
            List<String> after = planted.rows(EMAILS);
            for (int i : new int[] {0, 1, 2, 3, 6}) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
            assertThat(planted.rows("SELECT * FROM pgmq.a_emails ORDER BY msg_id")).isEqualTo(archive);
            assertThat(planted.rows("SELECT * FROM pgmq.q_webhooks")).isEqualTo(webhooks);

            assertThat(planted.run(retry).message()).startsWith("No message made visible; 7 not:");
            assertThat(planted.rows(EMAILS)).isEqualTo(after);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bulkRetryRunsInBatches(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.PGMQ)) {
            planted.execute("SELECT pgmq.create('bulk')",
                    "INSERT INTO pgmq.q_bulk (read_ct, vt, message) SELECT 1, now() + interval '1 hour', '{}'"
                            + " FROM generate_series(1, 2500)");
            PgmqAdapter pgmq = PgmqAdapter.detect(planted.db()).get(0);
            JobFilter read = JobFilter.all().withQueue("bulk").withState(SharedState.RUNNING);
            Count matching = pgmq.count(planted.db(), read, 100_000);
            assertThat(matching).isEqualTo(Count.exact(2500));
            var bulk = pgmq.retryMatching(read, matching.value()).orElseThrow();
            assertThat(bulk.plan().statements()).hasSize(4);
            assertThat(planted.run(bulk).message()).isEqualTo("2,500 messages visible again.");
            assertThat(planted.rows("SELECT count(*) FROM pgmq.q_bulk WHERE vt <= now()")).containsExactly("2500");
            assertThat(planted.run(bulk).message()).startsWith("No message made visible");
            assertThat(pgmq.cancel(List.of("bulk:1"))).isEmpty();
            assertThat(pgmq.pause("bulk")).isEmpty();
        }
    }
}
