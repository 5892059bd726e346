package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LibraryFixturesTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void fiveLibrariesInOneDatabaseAreEachFoundOnce(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.values())) {
            assertThat(planted.rows("SELECT (SELECT count(*) FROM pgmq.q_emails), (SELECT count(*) FROM solid_queue_jobs),"
                    + " (SELECT count(*) FROM que_jobs), (SELECT count(*) FROM good_jobs), (SELECT count(*) FROM procrastinate_jobs)"))
                    .containsExactly("7|11|9|9|13");
            List<QueueAdapter> found = QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN);
            assertThat(found).extracting(QueueAdapter::key).containsExactlyInAnyOrder("pgmq:pgmq", "Solid Queue:public",
                    "Que:public", "good_job:public", "Procrastinate:public");
            // each reads only its own tables: the depths are those of its fixture alone
            for (QueueAdapter adapter : found) {
                long jobs = adapter.depths(planted.db(), DepthSettings.DEFAULTS).stream()
                        .flatMap(d -> d.byState().values().stream()).mapToLong(Count::value).sum();
                assertThat(jobs).as(adapter.key()).isEqualTo(switch (adapter.library()) {
                    case "pgmq" -> 10L;
                    case "Solid Queue" -> 11L;
                    case "Que" -> 9L;
                    case "good_job" -> 9L;
                    default -> 13L;
                });
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anInstallationInAnotherSchemaIsASecondAdapter(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            planted.execute("CREATE SCHEMA billing; SET search_path = billing; " + LibraryFixtures.GOOD_JOB.sql()
                    + "; DELETE FROM billing.good_jobs WHERE queue_name = 'mailers'");
            List<GoodJobAdapter> found = GoodJobAdapter.detect(planted.db());
            assertThat(found).extracting(QueueAdapter::key).containsExactly("good_job:billing", "good_job:public");
            assertThat(found.get(0).depths(planted.db(), DepthSettings.DEFAULTS)).extracting(d -> d.queue().label())
                    .containsExactly("good_job (billing) / default");
            assertThat(found.get(1).depths(planted.db(), DepthSettings.DEFAULTS)).extracting(d -> d.queue().label())
                    .containsExactly("good_job (public) / default", "good_job (public) / mailers");
            assertThat(planted.run(found.get(0).pause("default").orElseThrow()).message()).isEqualTo("Queue default paused.");
            assertThat(planted.rows("SELECT count(*) FROM public.good_job_settings")).containsExactly("0");
        }
    }
}
