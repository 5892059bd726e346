package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pg-boss 10.4.2, 11.1.2 and 12.38.0, the schema each installer leaves restated from the release's plans
 * (pgboss_v10.sql ...: the objects pgdeck and these tests touch), on the oldest and newest PostgreSQL. Jobs by id suffix: 01 02 created and due, 03 created in
 * reports, 04 deferred, 05 retry, 06 07 active (06 expired), 08 09 completed, 0a cancelled, 0b 0c
 * failed; in 12, 0d is a flow child blocked on 06.
 */
class PgBossAdapterTest {

    private static final String FAILED_EMAIL = id("0b");
    private static final String FAILED_REPORT = id("0c");

    static Stream<Arguments> versions() {
        return TestPostgres.both().flatMap(pg -> Stream.of(10, 11, 12).map(v -> Arguments.of(pg, v)));
    }

    private static String id(String suffix) {
        return "10000000-0000-0000-0000-0000000000" + suffix;
    }

    private static QueueFixture load(TestPostgres pg, int major) {
        return QueueFixture.load(pg, "pgboss_v" + major + ".sql");
    }

    /**
     * One fetch of a job of {@code queue} as pg-boss's own fetchNextJob (src/plans.js, dist/plans.js in 12) does
     * it for a standard queue and a batch of one; written for pgdeck from that source, not its text. Each
     * release takes the first due job not yet active, by priority (highest first) then age, skipping rows other
     * workers hold (FOR UPDATE SKIP LOCKED), and makes it active, counting a retry when it had started before.
     * 10.4.2 reads job itself (the singleton/stately grouping of its batches keeps every job of a batch of one);
     * 11.1.2 reads the queue's own table and 12.38.0 too, skipping blocked flow children, due at job_now()
     * inclusive, and starting the heartbeat clock.
     */
    private static String fetch(int major, String queue, String table) {
        String from = major == 10 ? "pgboss.job" : "pgboss." + table;
        String clock = major == 12 ? "pgboss.job_now()" : "now()";
        String due = major == 12 ? "c.start_after <= " + clock + " AND c.blocked = false" : "c.start_after < " + clock;
        String order = major == 12 ? "c.priority DESC, c.created_on" : "c.priority DESC, c.created_on, c.id";
        String heartbeat = major == 12 ? ", heartbeat_on = " + clock : "";
        return """
                UPDATE %1$s AS taken
                   SET state = 'active',
                       started_on = %3$s,
                       retry_count = taken.retry_count + (CASE WHEN taken.started_on IS NULL THEN 0 ELSE 1 END)%6$s
                  FROM (SELECT c.id FROM %1$s AS c
                         WHERE c.name = '%2$s' AND c.state < 'active' AND %4$s
                         ORDER BY %5$s
                         LIMIT 1
                         FOR UPDATE OF c SKIP LOCKED) AS pick
                 WHERE taken.name = '%2$s' AND taken.id = pick.id
                RETURNING taken.id
                """.formatted(from, queue, clock, due, order, heartbeat);
    }

    /** Every job the workers of a queue fetch, one fetch at a time (each its own transaction), until none is left. */
    private static List<String> fetchAll(QueueFixture f, int major, String queue) {
        String table = major == 10 ? "job" : (String) f.value("SELECT table_name FROM pgboss.queue WHERE name = '" + queue + "'");
        List<String> fetched = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<String> one = firstColumn(f, fetch(major, queue, table));
            if (one.isEmpty()) {
                return fetched;
            }
            fetched.add(one.get(0).substring(34));
        }
        throw new AssertionError("the fetch never ran dry: " + fetched);
    }

    /** The first column of every row a statement returns, run as the worker would: on its own connection. */
    static List<String> firstColumn(QueueFixture f, String sql) {
        try (Connection c = f.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void countsEveryStateOfEveryQueueAcrossPartitions(TestPostgres pg, int major) {
        try (QueueFixture f = load(pg, major)) {
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
            // 12's flow child waits for its parent: not ready, whatever its start_after
            assertThat(reports.count(SharedState.SCHEDULED)).isEqualTo(major == 12 ? Count.exact(1) : Count.ZERO);
            assertThat(reports.count(SharedState.WAITING)).isEqualTo(Count.exact(1));
            assertThat(reports.stuck()).isEqualTo(1);
            assertThat(reports.expired()).isEqualTo(1);

            assertThat(boss.throughput(f.db(), Duration.ofMinutes(5)))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("email 1 2", "reports 0 0");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void showsTheLastErrorFromOutput(TestPostgres pg, int major) {
        try (QueueFixture f = load(pg, major)) {
            PgBossAdapter boss = PgBossAdapter.detect(f.db()).get(0);
            JobDetail failed = boss.job(f.db(), FAILED_EMAIL).orElseThrow();
            assertThat(failed.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(failed.errors()).singleElement().satisfies(e -> {
                assertThat(e.message()).isEqualTo("550 mailbox unavailable");
                assertThat(e.trace()).contains("mail.js:10");
                assertThat(e.attempt()).isEqualTo(2);
            });
            assertThat(boss.job(f.db(), id("08")).orElseThrow().errors()).isEmpty();
            assertThat(boss.jobs(f.db(), JobFilter.all().withQueue("reports")).jobs()).hasSize(major == 12 ? 5 : 4);
            assertThat(boss.jobs(f.db(), JobFilter.all().withText("mailbox")).jobs()).extracting(Job::id)
                    .containsExactly(FAILED_EMAIL);
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aRetriedJobIsFetchedOnceAndAnActiveOneNever(TestPostgres pg, int major) {
        try (QueueFixture f = load(pg, major)) {
            PgBossAdapter boss = PgBossAdapter.detect(f.db()).get(0);
            assertThat(boss.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1_000)).isEqualTo(Count.exact(2));
            assertThat(f.run(boss.retryMatching(JobFilter.all(), 2).orElseThrow()).message()).isEqualTo("2 jobs set to retry.");
            assertThat(f.value("SELECT string_agg(right(id::text, 2) || ':' || state || ':' || retry_limit, ',' ORDER BY id)"
                    + " FROM pgboss.job WHERE state IN ('retry', 'failed')")).isEqualTo("05:retry:2,0b:retry:3,0c:retry:1");
            // each release's retryJobs: 12.26.0 and later also clear the completion time, 10 and 11 leave it
            assertThat(f.value("SELECT completed_on IS NULL FROM pgboss.job WHERE id = '" + FAILED_EMAIL + "'")).isEqualTo(major == 12);
            assertThat(boss.eligible(f.db(), JobOperation.RETRY, JobFilter.all(), 1_000)).isEqualTo(Count.ZERO);
            assertThat(f.run(boss.retry(List.of(FAILED_EMAIL, FAILED_REPORT)).orElseThrow()).message()).startsWith("No job changed");

            // pg-boss's own fetch takes the retried job once, beside the due ones; 05 waits for its
            // start_after, 07 is active and 04 deferred, so none of them comes
            assertThat(fetchAll(f, major, "email")).containsExactlyInAnyOrder("01", "02", "0b");
            assertThat(fetchAll(f, major, "reports")).containsExactlyInAnyOrder("03", "0c");
            // the extra retry allowed is one run: a retried job comes back with its count raised to the limit
            assertThat(f.value("SELECT retry_count || '/' || retry_limit FROM pgboss.job WHERE id = '" + FAILED_EMAIL + "'"))
                    .isEqualTo("3/3");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void cancelAndDeleteLeaveActiveJobsToTheirWorker(TestPostgres pg, int major) {
        try (QueueFixture f = load(pg, major)) {
            PgBossAdapter boss = PgBossAdapter.detect(f.db()).get(0);
            assertThat(boss.eligible(f.db(), JobOperation.CANCEL, JobFilter.all().withQueue("email"), 1_000))
                    .isEqualTo(Count.exact(4));
            assertThat(f.run(boss.cancel(List.of(id("04"), id("07"))).orElseThrow()).message()).isEqualTo("1 job cancelled.");
            assertThat(f.value("SELECT state || ' ' || (completed_on IS NOT NULL) FROM pgboss.job WHERE id = '" + id("04") + "'"))
                    .isEqualTo("cancelled true");
            assertThat(fetchAll(f, major, "email")).containsExactlyInAnyOrder("01", "02");

            assertThat(f.run(boss.delete(List.of(id("06"), id("0a"))).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(f.value("SELECT count(*) FROM pgboss.job WHERE id IN ('" + id("06") + "', '" + id("0a") + "')")).isEqualTo(1L);
            // the purge takes what reached an end longer ago than asked: 09 and 0c (two and three hours), and 04
            // cancelled a moment ago is too young
            JobFilter old = JobFilter.all().withOlderThan(Duration.ofHours(1));
            assertThat(boss.eligible(f.db(), JobOperation.DELETE, old, 1_000)).isEqualTo(Count.exact(2));
            assertThat(f.run(boss.deleteMatching(old, 2).orElseThrow()).message()).isEqualTo("2 jobs deleted.");
            assertThat(f.value("SELECT count(*) FROM pgboss.job WHERE id IN ('" + id("09") + "', '" + id("0c") + "')")).isEqualTo(0L);
            assertThat(boss.pause("email")).isEmpty();
        }
    }
}
