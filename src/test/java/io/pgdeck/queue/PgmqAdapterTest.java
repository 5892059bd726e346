package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pgmq 1.4.5 (the last release without headers) and 1.5.1 (the first SQL-only install), each its
 * fixture following its pgmq.sql (tables as its queue creation makes them, read, send, set_vt and
 * delete re-implemented with its behaviour), messages sent and read through them; what a change
 * does is checked against what the consumer's pgmq.read then delivers.
 */
class PgmqAdapterTest {

    /** The messages, planted after either release's schema. */
    private static final String MESSAGES = "pgmq_messages.sql";
    private static final String EMAILS = "SELECT msg_id, read_ct, vt FROM pgmq.q_emails ORDER BY msg_id";
    /** A consumer's read of up to ten messages with a visibility timeout of 30 s, as pgmq's clients call it. */
    private static final String READ = "SELECT msg_id FROM pgmq.read('emails', 30, 10) ORDER BY msg_id";

    static Stream<Arguments> releases() {
        return TestPostgres.both().flatMap(pg -> Stream.of(Arguments.of(pg, "pgmq_1_4.sql"), Arguments.of(pg, "pgmq_1_5.sql")));
    }

    @ParameterizedTest
    @MethodSource("releases")
    void depthsCountVisibleDelayedReadAndArchivedMessagesPerQueue(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            assertThat(QueueLibraries.detect(f.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("pgmq:pgmq");
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);

            List<QueueDepth> depths = pgmq.depths(f.db(), DepthSettings.DEFAULTS);
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

            QueueThroughput hours = pgmq.throughput(f.db(), Duration.ofMinutes(90)).stream()
                    .filter(t -> t.queue().name().equals("emails")).findFirst().orElseThrow();
            assertThat(hours.done()).isEqualTo(1);
            assertThat(hours.failed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void browsesLiveAndArchivedMessagesWithAFilterAndKeysetPages(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);
            JobFilter byFour = new JobFilter("emails", null, null, null, null, null, 4);
            JobPage first = pgmq.jobs(f.db(), byFour);
            assertThat(first.jobs()).extracting(Job::id).containsExactly("emails:8", "emails:9", "emails:3", "emails:4");
            assertThat(first.jobs()).extracting(Job::libraryState).containsExactly("visible", "delayed", "read", "read");
            JobPage second = pgmq.jobs(f.db(), byFour.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("emails:7", "emails:6", "emails:5", "emails:2");
            assertThat(second.jobs().get(3).state()).isEqualTo(SharedState.DONE);
            JobPage third = pgmq.jobs(f.db(), byFour.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly("emails:1");
            assertThat(third.hasNext()).isFalse();

            assertThat(pgmq.jobs(f.db(), JobFilter.all().withState(SharedState.RUNNING)).jobs())
                    .extracting(Job::id).containsExactly("emails:3", "emails:4");
            assertThat(pgmq.jobs(f.db(), JobFilter.all().withText("STUCK@")).jobs())
                    .extracting(Job::id).containsExactly("emails:4");
            assertThat(pgmq.count(f.db(), JobFilter.all(), 1000)).isEqualTo(Count.exact(10));
            assertThat(pgmq.job(f.db(), "Webhooks:1").orElseThrow().job().args()).contains("example.com/hook");
            assertThat(pgmq.job(f.db(), "emails:2").orElseThrow().job().finishedAt()).isNotNull();
            assertThatThrownBy(() -> pgmq.job(f.db(), "emails")).hasMessageContaining("not a pgmq message id");
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void noRetryTouchesAMessageInFlightAndTheConsumerGetsEachVisibleMessageOnce(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);
            // a message whose visibility timeout ran out (5) is already pgmq's retry: the next read delivers it
            assertThat(pgmq.retry(List.of("emails:3", "emails:4", "emails:5", "emails:1"))).isEmpty();
            assertThat(pgmq.retryMatching(JobFilter.all(), 10)).isEmpty();
            assertThat(pgmq.cancel(List.of("emails:3"))).isEmpty();
            assertThat(pgmq.pause("emails")).isEmpty();
            for (JobOperation operation : List.of(JobOperation.RETRY, JobOperation.CANCEL)) {
                assertThat(pgmq.eligible(f.db(), operation, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);
            }
            // the in-flight 3 and 4 stay with their consumer; the delayed 9 waits its hour
            assertThat(f.rows(READ)).containsExactly("5", "6", "7", "8");
            assertThat(f.rows(READ)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void makeVisibleNowSetsTheVisibilityOfMessagesInFlightOnlyAndTheNextReadDeliversThemOnce(TestPostgres pg,
            String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);
            List<String> before = f.rows(EMAILS);
            List<String> archive = f.rows("SELECT * FROM pgmq.a_emails ORDER BY msg_id");
            List<String> webhooks = f.rows("SELECT * FROM pgmq.q_webhooks");

            var visible = pgmq.makeVisibleNow(List.of("emails:3", "emails:4", "emails:6", "emails:9", "emails:1",
                    "emails:5", "Webhooks:1")).orElseThrow();
            assertThat(visible.plan().sql()).contains("\"pgmq\".\"set_vt\"('emails', \"picked\".\"id\", 0)");
            assertThat(visible.plan().risk()).contains("delivers it again").contains("may run twice");
            assertThat(f.run(visible).message()).isEqualTo("2 messages visible now; 5 not: only a message a consumer holds can be.");
            assertThat(f.rows("SELECT msg_id, read_ct, vt <= now() FROM pgmq.q_emails WHERE msg_id IN (3, 4) ORDER BY msg_id"))
                    .containsExactly("3|1|t", "4|1|t");
            List<String> after = f.rows(EMAILS);
            for (int i : new int[] {2, 3, 4, 5, 6}) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
            assertThat(f.rows("SELECT * FROM pgmq.a_emails ORDER BY msg_id")).isEqualTo(archive);
            assertThat(f.rows("SELECT * FROM pgmq.q_webhooks")).isEqualTo(webhooks);
            assertThat(f.run(visible).message()).startsWith("No message made visible; 7 not:");
            assertThat(f.rows(EMAILS)).isEqualTo(after);

            // the consumer's next read delivers 3 and 4 once more, beside the visible ones, and then never again
            assertThat(f.rows(READ)).containsExactly("3", "4", "5", "6", "7", "8");
            assertThat(f.rows("SELECT msg_id, read_ct FROM pgmq.q_emails WHERE msg_id IN (3, 4) ORDER BY msg_id"))
                    .containsExactly("3|2", "4|2");
            assertThat(f.rows(READ)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void deleteCallsPgmqDeleteOnMessagesNoConsumerHoldsAndDeletesArchivedOnes(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);
            var delete = pgmq.delete(List.of("emails:3", "emails:6", "emails:9", "emails:5", "emails:1", "Webhooks:1"))
                    .orElseThrow();
            assertThat(delete.plan().sql()).contains("\"pgmq\".\"delete\"('emails', \"picked\".\"id\")")
                    .contains("\"pgmq\".\"delete\"('Webhooks', \"picked\".\"id\")");
            assertThat(f.run(delete).message()).isEqualTo("5 messages deleted.");
            assertThat(f.rows("SELECT msg_id FROM pgmq.q_emails ORDER BY msg_id")).containsExactly("3", "4", "7", "8");
            assertThat(f.rows("SELECT msg_id FROM pgmq.a_emails ORDER BY msg_id")).containsExactly("2");
            assertThat(f.rows("SELECT count(*) FROM pgmq.q_webhooks")).containsExactly("0");
            assertThat(f.run(delete).message()).startsWith("No message changed");
            // the in-flight 3 is still its consumer's
            assertThat(f.rows(READ)).containsExactly("7", "8");
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void purgeDeletesArchivedMessagesOlderThanTheAgeInBatches(TestPostgres pg, String fixture) {
        try (QueueFixture f = QueueFixture.load(pg, fixture, MESSAGES)) {
            f.execute("INSERT INTO pgmq.a_emails (msg_id, read_ct, enqueued_at, archived_at, vt, message)"
                    + " SELECT 1000 + n, 1, now() - interval '2 days', now() - interval '1 day', now() - interval '1 day', '{}'"
                    + " FROM generate_series(1, 2500) AS n");
            PgmqAdapter pgmq = PgmqAdapter.detect(f.db()).get(0);
            // archived 2 hours ago (1) and a day ago (the 2,500), not an hour ago (2)
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofMinutes(90));
            Count eligible = pgmq.eligible(f.db(), JobOperation.DELETE, old, 100_000);
            assertThat(eligible).isEqualTo(Count.exact(2501));
            assertThat(pgmq.eligible(f.db(), JobOperation.DELETE, old.withState(SharedState.RUNNING), 100_000))
                    .isEqualTo(Count.ZERO);
            var purge = pgmq.deleteMatching(old, eligible.value()).orElseThrow();
            assertThat(f.run(purge).message()).isEqualTo("2,501 messages deleted.");
            assertThat(f.rows("SELECT msg_id FROM pgmq.a_emails ORDER BY msg_id")).containsExactly("2");
            assertThat(f.rows("SELECT count(*) FROM pgmq.q_emails")).containsExactly("7");
            assertThat(pgmq.eligible(f.db(), JobOperation.DELETE, old, 100_000)).isEqualTo(Count.ZERO);
        }
    }
}
