package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PgBossAdapterTest {

    private static final String FIXTURE = "pgboss.sql";
    private static final String FAILED_EMAIL = "10000000-0000-0000-0000-00000000000b";
    private static final String FAILED_REPORT = "10000000-0000-0000-0000-00000000000c";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void countsEveryStateOfEveryQueueAcrossPartitions(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            List<PgBossAdapter> found = PgBossAdapter.detect(f.db());
            assertThat(found).extracting(QueueAdapter::schema).containsExactly("pgboss");
            PgBossAdapter boss = found.get(0);

            List<QueueDepth> depths = boss.depths(f.db(), new DepthSettings(100_000, Duration.ofMinutes(20)));
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("email", "reports");
            QueueDepth email = depths.get(0);
            assertThat(email.byState()).isEqualTo(Map.of(SharedState.WAITING, Count.exact(2),
                    SharedState.SCHEDULED, Count.exact(1), SharedState.RETRYABLE, Count.exact(1),
                    SharedState.RUNNING, Count.exact(1), SharedState.DONE, Count.exact(1),
                    SharedState.CANCELLED, Count.exact(1), SharedState.DEAD, Count.exact(1)));
            assertThat(email.byLibraryState()).containsExactly(Map.entry("created", Count.exact(3)),
                    Map.entry("retry", Count.exact(1)), Map.entry("active", Count.exact(1)),
                    Map.entry("completed", Count.exact(1)), Map.entry("cancelled", Count.exact(1)),
                    Map.entry("failed", Count.exact(1)));
            assertThat(email.oldestWaiting()).isBetween(Duration.ofMinutes(7), Duration.ofMinutes(8));
            assertThat(email.stuck()).isZero();
            assertThat(email.expired()).isZero();
            QueueDepth reports = depths.get(1);
            assertThat(reports.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(reports.stuck()).isEqualTo(1);
            assertThat(reports.expired()).isEqualTo(1);

            assertThat(boss.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("email 1 2", "reports 0 0");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void showsTheLastErrorFromOutput(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            PgBossAdapter boss = PgBossAdapter.detect(f.db()).get(0);
            JobDetail failed = boss.job(f.db(), FAILED_EMAIL).orElseThrow();
            assertThat(failed.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(failed.errors()).singleElement().satisfies(e -> {
                assertThat(e.message()).isEqualTo("550 mailbox unavailable");
                assertThat(e.trace()).contains("mail.js:10");
                assertThat(e.attempt()).isEqualTo(2);
            });
            assertThat(boss.job(f.db(), "10000000-0000-0000-0000-000000000008").orElseThrow().errors()).isEmpty();
            assertThat(boss.jobs(f.db(), JobFilter.all().withQueue("reports")).jobs()).hasSize(4);
            assertThat(boss.jobs(f.db(), JobFilter.all().withText("mailbox")).jobs()).extracting(Job::id)
                    .containsExactly(FAILED_EMAIL);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void retrySetsFailedJobsToRetryAndRaisesTheirLimitOnce(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            PgBossAdapter boss = PgBossAdapter.detect(f.db()).get(0);
            assertThat(f.run(boss.retryMatching(JobFilter.all(), 2).orElseThrow()).message()).isEqualTo("2 jobs set to retry.");
            assertThat(f.value("SELECT string_agg(right(id::text, 1) || ':' || state || ':' || retry_limit, ',' ORDER BY id)"
                    + " FROM pgboss.job WHERE state IN ('retry', 'failed')")).isEqualTo("5:retry:2,b:retry:3,c:retry:1");
            assertThat(f.value("SELECT count(*) FROM pgboss.job WHERE state = 'active'")).isEqualTo(2L);
            assertThat(f.run(boss.retry(List.of(FAILED_EMAIL, FAILED_REPORT)).orElseThrow()).message()).startsWith("No job changed");
            assertThat(f.value("SELECT sum(retry_limit) FROM pgboss.job WHERE id IN ('" + FAILED_EMAIL + "', '" + FAILED_REPORT + "')"))
                    .isEqualTo(4L);
            assertThat(f.run(boss.cancel(List.of("10000000-0000-0000-0000-000000000004", "10000000-0000-0000-0000-000000000007"))
                    .orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(boss.pause("email")).isEmpty();
        }
    }
}
