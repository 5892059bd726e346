package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionResult;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Que 1.x (schema version 4) and 2.x (version 7), from their own migrations, on PostgreSQL 13 and 17. */
class QueAdapterTest {

    /**
     * The next job a Que worker's poll would try, and the try itself: pg_try_advisory_lock on its id,
     * taken in the same statement so only that one job is tried. %1$s is the job schema version
     * filter (v2.4.1) or nothing, %2$s the keyset clause after the previous job, or nothing.
     */
    private static final String NEXT_JOB = "SELECT c.id, c.priority, c.run_at, pg_try_advisory_lock(c.id) AS taken"
            + " FROM (SELECT id, priority, run_at FROM que_jobs"
            + " WHERE queue = ? %1$s AND id <> ALL (?::bigint[]) AND priority <= ?"
            + " AND run_at <= now() AND finished_at IS NULL AND expired_at IS NULL %2$s"
            + " ORDER BY priority, run_at, id LIMIT 1) AS c";

    static Stream<Arguments> versions() {
        return TestPostgres.both().flatMap(pg -> Stream.of(Arguments.of(pg, 4), Arguments.of(pg, 7)));
    }

    private static PlantedLibrary plant(TestPostgres pg, int version) {
        if (version == 7) {
            return new PlantedLibrary(pg, LibraryFixtures.QUE);
        }
        PlantedLibrary planted = new PlantedLibrary(pg);
        planted.execute(QueueFixture.sql("que_jobs.sql"), QueueFixture.sql("que_functions.sql"),
                QueueFixture.sql("que_v4.sql"), QueueFixture.sql("que_worked.sql"));
        return planted;
    }

    /**
     * One poll of a Que worker with ten free workers of any priority (priorities {32767: 10}, no locks
     * held yet): the ids it locked, in order. Written for these tests following Que::Poller#poll and
     * its poll_jobs query (lib/que/poller.rb, v1.2.0 and v2.4.1): the queue's due, unfinished jobs
     * (of job_schema_version 2 in v2.x) not already held and no less urgent than the least urgent
     * free worker takes, walked one at a time by (priority, run_at, id); each is tried with a session
     * advisory lock on its id, and one that is taken uses up a worker of the most urgent priority
     * that can work it. The walk ends when no worker is left or no job is.
     */
    private static List<String> poll(Connection worker, int version, String queue) throws SQLException {
        TreeMap<Integer, Integer> free = new TreeMap<>(Map.of(32767, 10));
        String schemaVersion = version >= 5 ? "AND job_schema_version = 2" : "";
        List<String> ids = new ArrayList<>();
        Object[] after = null;
        while (!free.isEmpty()) {
            String sql = String.format(NEXT_JOB, schemaVersion,
                    after == null ? "" : "AND (priority, run_at, id) > (?::smallint, ?::timestamptz, ?::bigint)");
            try (PreparedStatement ps = worker.prepareStatement(sql)) {
                ps.setString(1, queue);
                ps.setString(2, "{}");
                ps.setInt(3, free.lastKey());
                if (after != null) {
                    ps.setObject(4, after[0]);
                    ps.setObject(5, after[1]);
                    ps.setObject(6, after[2]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                    int priority = rs.getInt("priority");
                    after = new Object[] {priority, rs.getObject("run_at", OffsetDateTime.class), rs.getLong("id")};
                    if (rs.getBoolean("taken")) {
                        ids.add(rs.getString("id"));
                        int slot = free.ceilingKey(priority);
                        free.compute(slot, (k, n) -> n == 1 ? null : n - 1);
                    }
                }
            }
        }
        return ids;
    }

    /** Holds the job as a Que worker does while it works it: a session advisory lock on its id. */
    private static void lock(Connection worker, long id) throws SQLException {
        try (Statement st = worker.createStatement()) {
            st.execute("SELECT pg_try_advisory_lock(" + id + ")");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void depthsMapQueStatesAndSeeTheLockedJobAsRunning(TestPostgres pg, int version) throws SQLException {
        try (PlantedLibrary planted = plant(pg, version); Connection worker = planted.connect()) {
            assertThat(planted.rows("SELECT obj_description('public.que_jobs'::regclass, 'pg_class')"))
                    .containsExactly(String.valueOf(version));
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("Que:public");
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);

            List<QueueDepth> depths = que.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("ready", Count.exact(2)), Map.entry("scheduled", Count.exact(1)),
                    Map.entry("errored", Count.exact(2)), Map.entry("locked", Count.exact(1)),
                    Map.entry("expired", Count.exact(1)), Map.entry("finished", Count.exact(1)));
            assertThat(main.count(SharedState.RETRYABLE)).isEqualTo(Count.exact(2));
            assertThat(main.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
            assertThat(main.count(SharedState.DEAD)).isEqualTo(Count.exact(1));
            // ready job 1 has waited since its run_at ten minutes ago
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(depths.get(1).count(SharedState.WAITING)).isEqualTo(Count.exact(1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesWithAFilterAndKeysetPages(TestPostgres pg) throws SQLException {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE); Connection worker = planted.connect()) {
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);

            JobPage first = que.jobs(planted.db(), new JobFilter("default", null, null, null, null, null, 3));
            assertThat(first.jobs()).extracting(Job::id).containsExactly("8", "7", "6");
            assertThat(first.jobs()).extracting(Job::libraryState).containsExactly("finished", "expired", "errored");
            JobPage second = que.jobs(planted.db(), new JobFilter("default", null, null, null, null, first.next(), 3));
            assertThat(second.jobs()).extracting(Job::id).containsExactly("5", "4", "3");
            assertThat(second.jobs().get(2).state()).isEqualTo(SharedState.RUNNING);

            JobFilter failing = JobFilter.all().withState(SharedState.RETRYABLE);
            assertThat(que.jobs(planted.db(), failing).jobs()).extracting(Job::id).containsExactly("6", "5");
            JobDetail expired = que.job(planted.db(), "7").orElseThrow();
            assertThat(expired.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(expired.job().lastError()).isEqualTo("Stripe::CardError: declined");
            assertThat(expired.job().attempt()).isEqualTo(16);
            assertThat(expired.errors()).extracting(JobError::trace).containsExactly("app/jobs/charge_card.rb:21:in `run'");
            assertThat(que.job(planted.db(), "999")).isEmpty();
        }
    }

    /**
     * que-web's reschedule: the expired job 7 and (once its worker lets go) the backing-off job 5 run
     * now; 5 is not touched while a worker holds it. Que's own poll then takes each once: one worker
     * locks them, a second finds nothing left.
     */
    @ParameterizedTest
    @MethodSource("versions")
    void retryIsQueWebsRescheduleAndEachJobIsPolledOnce(TestPostgres pg, int version) throws SQLException {
        try (PlantedLibrary planted = plant(pg, version); Connection holder = planted.connect();
                Connection workerA = planted.connect(); Connection workerB = planted.connect()) {
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            String rows = "SELECT id, error_count, expired_at IS NULL, run_at <= now(), last_error_message FROM que_jobs"
                    + " WHERE id IN (5, 7) ORDER BY id";
            List<String> before = planted.rows(rows);
            lock(holder, 5);
            assertThat(que.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.exact(1));

            var retry = que.retry(List.of("5", "6", "7", "1", "8")).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("1 job set to run now.");
            assertThat(planted.rows(rows)).containsExactly(before.get(0),
                    "7|16|t|t|Stripe::CardError: declined");
            assertThat(planted.run(retry).message()).startsWith("No job changed");

            try (Statement st = holder.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(5)");
            }
            assertThat(planted.run(que.retry(List.of("5")).orElseThrow()).message()).isEqualTo("1 job set to run now.");
            assertThat(planted.rows(rows)).containsExactly("5|2|t|t|Timeout::Error: execution expired",
                    "7|16|t|t|Stripe::CardError: declined");

            // by priority, run_at, id: 6 and 5 (priority 50; 6 was due first), then 1, 3, 2 and the rescheduled 7
            assertThat(poll(workerA, version, "default")).containsExactly("6", "5", "1", "3", "2", "7");
            assertThat(poll(workerB, version, "default")).isEmpty();
            assertThat(que.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void bulkRetryRunsInBatchesOverWhatTheFilterMatches(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.QUE)) {
            planted.execute("INSERT INTO que_jobs (job_class, error_count, queue, expired_at, job_schema_version)"
                    + " SELECT 'Bulk', 16, 'bulk', now(), 2 FROM generate_series(1, 2500)");
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            JobFilter dead = JobFilter.all().withQueue("bulk").withState(SharedState.DEAD);
            Count matching = que.eligible(planted.db(), JobOperation.RETRY, dead, 100_000);
            assertThat(matching).isEqualTo(Count.exact(2500));

            var bulk = que.retryMatching(dead, matching.value()).orElseThrow();
            assertThat(bulk.plan().statements()).hasSize(4);
            ActionResult result = planted.run(bulk);
            assertThat(result.message()).isEqualTo("2,500 jobs set to run now.");
            assertThat(planted.rows("SELECT count(*) FROM que_jobs WHERE queue = 'bulk' AND expired_at IS NULL"
                    + " AND error_count = 16 AND run_at <= now()")).containsExactly("2500");
            assertThat(planted.rows("SELECT id FROM que_jobs WHERE expired_at IS NOT NULL")).containsExactly("7");
            assertThat(planted.run(bulk).message()).startsWith("No job changed");
            assertThat(que.cancel(List.of("1"))).isEmpty();
            assertThat(que.pause("default")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void deleteSkipsAJobAWorkerHolds(TestPostgres pg, int version) throws SQLException {
        try (PlantedLibrary planted = plant(pg, version); Connection worker = planted.connect()) {
            QueAdapter que = QueAdapter.detect(planted.db()).get(0);
            lock(worker, 3);
            assertThat(planted.run(que.delete(List.of("3", "4")).orElseThrow()).message()).isEqualTo("1 job deleted.");
            assertThat(planted.rows("SELECT id FROM que_jobs WHERE id IN (3, 4)")).containsExactly("3");

            Count purged = que.eligible(planted.db(), JobOperation.DELETE, JobFilter.all(), 1000);
            assertThat(purged).isEqualTo(Count.exact(2));
            assertThat(planted.run(que.deleteMatching(JobFilter.all(), purged.value()).orElseThrow()).message())
                    .isEqualTo("2 jobs deleted.");
            assertThat(planted.rows("SELECT id FROM que_jobs ORDER BY id")).containsExactly("1", "2", "3", "5", "6", "9");
        }
    }
}
