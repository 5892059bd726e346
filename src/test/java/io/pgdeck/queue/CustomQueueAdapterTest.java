package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CustomQueueAdapterTest {

    private static final String FIXTURE = "parel_queue_jobs.sql";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theShippedPareLMappingShowsEachPriorityTierAsAQueue(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            List<QueueAdapter> found = QueueLibraries.detect(f.db(), QueueLibraries.with(List.of()));
            assertThat(found).extracting(QueueAdapter::library).containsExactly("PareL queue_jobs");
            QueueAdapter parel = found.get(0);

            List<QueueDepth> depths = parel.depths(f.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name())
                    .containsExactly("high-priority", "low-priority", "medium-priority");
            assertThat(depths.get(0).byLibraryState()).containsExactly(Map.entry("waiting", Count.exact(1)),
                    Map.entry("delayed", Count.ZERO), Map.entry("active", Count.exact(1)), Map.entry("failed", Count.ZERO),
                    Map.entry("completed", Count.exact(1)));
            QueueDepth low = depths.get(1);
            assertThat(low.oldestWaiting()).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(21));
            assertThat(low.stuck()).isEqualTo(1);
            QueueDepth medium = depths.get(2);
            assertThat(medium.byState()).containsEntry(SharedState.SCHEDULED, Count.exact(1))
                    .containsEntry(SharedState.DEAD, Count.exact(1)).containsEntry(SharedState.WAITING, Count.exact(1));

            assertThat(parel.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("high-priority 1 0", "medium-priority 0 1");
            JobDetail failed = parel.job(f.db(), "5").orElseThrow();
            assertThat(failed.job().kind()).isEqualTo("ai:generate");
            assertThat(failed.errors()).extracting(JobError::message).containsExactly("OpenAI API error: 429 Too Many Requests");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retrySetsFailedJobsWaitingWithOneMoreAttemptOnce(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            QueueAdapter parel = CustomQueueAdapter.detect(f.db(), List.of(CustomMapping.PAREL)).get(0);
            assertThat(f.run(parel.retryMatching(JobFilter.all().withQueue("medium-priority"), 1).orElseThrow()).message())
                    .isEqualTo("1 job back to waiting.");
            assertThat(f.value("SELECT state || ' ' || \"maxAttempts\" || ' ' || (\"processedOn\" IS NULL) FROM parel.queue_jobs WHERE id = 5"))
                    .isEqualTo("waiting 4 true");
            assertThat(f.run(parel.retry(List.of("5", "2")).orElseThrow()).message()).startsWith("No job changed");
            assertThat(parel.cancel(List.of("1"))).isEmpty();
            assertThat(parel.pause("low-priority")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aMappingToAMissingColumnSaysWhichOne(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            CustomMapping wrong = new CustomMapping("jobs", "parel", "queue_jobs", "id", "status", List.of("waiting"),
                    null, List.of("active"), null, null, null, null, null, null, null, null, null, null, null,
                    "createdAt", null, null, null);
            assertThat(CustomQueueAdapter.check(f.db(), wrong)).contains("Table parel.queue_jobs has no column status.");
            assertThat(CustomQueueAdapter.detect(f.db(), List.of(wrong))).isEmpty();
            assertThat(CustomQueueAdapter.check(f.db(), CustomMapping.PAREL)).isEmpty();
        }
    }

    @Test
    void mappingsAreSavedAsJsonAndReadBack() {
        CustomMappingStore store = new CustomMappingStore(dir.resolve("pgdeck/queue-mappings.json"));
        assertThat(store.list()).isEmpty();
        store.save(CustomMapping.PAREL);
        CustomMapping renamed = new CustomMapping("Mine", "app", "jobs", "id", "status", List.of("new"), List.of(),
                List.of("busy"), List.of(), List.of("error"), List.of("ok"), List.of(), null, "type", null, "payload",
                "error", null, null, "created_at", null, null, null);
        store.save(renamed);
        assertThat(new CustomMappingStore(store.file()).list()).containsExactly(CustomMapping.PAREL, renamed);
        assertThat(store.delete("Mine")).isTrue();
        assertThat(store.list()).containsExactly(CustomMapping.PAREL);
        CustomMapping broken = new CustomMapping("x", "app", "jobs", "id", "status", List.of("a"), List.of("a"), null,
                null, null, null, null, null, null, null, null, null, null, null, "created_at", null, null, null);
        assertThatThrownBy(() -> store.save(broken)).hasMessage("The state value 'a' is given for two states.");
    }
}
