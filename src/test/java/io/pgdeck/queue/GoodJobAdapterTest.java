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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** good_job 3.0 (a job is its executions) and 4.x (discrete), from their own migrations, on PostgreSQL 13 and 17. */
class GoodJobAdapterTest {

    static Stream<Arguments> versions() {
        return TestPostgres.both().flatMap(pg -> Stream.of(Arguments.of(pg, "3.0"), Arguments.of(pg, "4.x")));
    }

    private static PlantedLibrary plant(TestPostgres pg, String version) {
        if (version.equals("4.x")) {
            return new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB);
        }
        PlantedLibrary planted = new PlantedLibrary(pg);
        planted.execute(QueueFixture.sql("good_job_3_x.sql"));
        return planted;
    }

    /** The Active Job id of job n of the fixtures. */
    private static String job(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** The row that is job n: itself in 4.x; in 3.0 its latest execution (304 for 04, 207 for 07, else 1nn). */
    private static String id(String version, int n) {
        return version.equals("4.x") ? job(n) : job(n == 4 ? 304 : n == 7 ? 207 : 100 + n);
    }

    /**
     * The advisory lock key good_job takes for a job (AdvisoryLockable: the first 64 bits of
     * md5("good_jobs-" and the lockable column)), for a text placeholder.
     */
    private static final String LOCK_KEY = "('x' || left(md5('good_jobs-' || ?), 16))::bit(64)::bigint";

    /**
     * One worker thread's dequeue with good_job's default advisory lock strategy, written for these
     * tests following Job.perform_with_advisory_lock (app/models/good_job/job.rb, v4.19.2) and
     * Execution.perform_with_advisory_lock (lib/models/good_job/execution.rb, v3.0.0) with the
     * advisory_lock scope around them (app/models/concerns/good_job/advisory_lockable.rb;
     * lib/models/good_job/lockable.rb in 3.0): the unfinished jobs that are due, most urgent first
     * (4.x: priority ascending, nulls last, then created_at, a job due when scheduled_at has come;
     * 3.0: priority descending, nulls last, a job also due with no scheduled_at), are tried in turn
     * with a session advisory lock, and the first one locked is taken. 4.x locks the row's id, 3.0
     * its active_job_id. Returns the Active Job id taken, or nothing.
     */
    private static List<String> dequeue(Connection worker, String version) throws SQLException {
        String candidates = version.equals("4.x")
                ? "SELECT id::text AS lockable, active_job_id FROM good_jobs WHERE finished_at IS NULL"
                        + " AND scheduled_at <= now() AT TIME ZONE 'UTC' ORDER BY priority NULLS LAST, created_at"
                : "SELECT active_job_id::text AS lockable, active_job_id FROM good_jobs WHERE finished_at IS NULL"
                        + " AND (scheduled_at IS NULL OR scheduled_at <= now() AT TIME ZONE 'UTC')"
                        + " ORDER BY priority DESC NULLS LAST";
        List<String[]> due = new ArrayList<>();
        try (Statement st = worker.createStatement(); ResultSet rs = st.executeQuery(candidates)) {
            while (rs.next()) {
                due.add(new String[] {rs.getString("lockable"), rs.getString("active_job_id")});
            }
        }
        try (PreparedStatement tryLock = worker.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            for (String[] job : due) {
                tryLock.setString(1, job[0]);
                try (ResultSet rs = tryLock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return List.of(job[1]);
                    }
                }
            }
        }
        return List.of();
    }

    /** Holds job n's advisory lock as the worker running it does. */
    private static void lock(Connection worker, int n) throws SQLException {
        try (PreparedStatement st = worker.prepareStatement("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
            st.setString(1, job(n));
            st.execute();
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void depthsFollowGoodJobsDashboardStates(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            assertThat(QueueLibraries.detect(planted.db(), QueueLibraries.BUILT_IN))
                    .extracting(QueueAdapter::key).containsExactly("good_job:public");
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            List<QueueDepth> depths = goodJob.depths(planted.db(), DepthSettings.DEFAULTS);
            assertThat(depths).extracting(d -> d.queue().name()).containsExactly("default", "mailers");
            QueueDepth main = depths.get(0);
            assertThat(main.byLibraryState()).containsExactly(
                    Map.entry("queued", Count.exact(2)), Map.entry("scheduled", Count.exact(1)),
                    Map.entry("retried", Count.exact(1)), Map.entry("running", Count.exact(1)),
                    Map.entry("succeeded", Count.exact(1)), Map.entry("discarded", Count.exact(2)));
            assertThat(main.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
            assertThat(depths.get(1).count(SharedState.WAITING)).isEqualTo(Count.exact(1));

            JobDetail discarded = goodJob.job(planted.db(), id(version, 7)).orElseThrow();
            assertThat(discarded.job().state()).isEqualTo(SharedState.DEAD);
            assertThat(discarded.job().kind()).isEqualTo("ChargeCardJob");
            // 3.0: both executions of 07 failed (the first was retried); 4.x records the one attempt
            assertThat(discarded.errors()).extracting(JobError::message).containsOnly("Stripe::CardError: card declined")
                    .hasSize(version.equals("4.x") ? 1 : 2);
            assertThat(goodJob.job(planted.db(), id(version, 5)).orElseThrow().job().worker())
                    .isEqualTo(version.equals("4.x") ? "00000000-0000-4000-8000-0000000000aa" : null);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void browsesNewestFirstWithAFilterAndKeysetPages(TestPostgres pg) {
        try (PlantedLibrary planted = new PlantedLibrary(pg, LibraryFixtures.GOOD_JOB)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            JobFilter byThree = new JobFilter("default", null, null, null, null, null, 3);
            JobPage first = goodJob.jobs(planted.db(), byThree);
            assertThat(first.jobs()).extracting(Job::id).containsExactly(job(3), job(2), job(5));
            JobPage second = goodJob.jobs(planted.db(), byThree.after(first.next()));
            assertThat(second.jobs()).extracting(Job::id).containsExactly(job(1), job(4), job(6));
            assertThat(second.jobs()).extracting(Job::libraryState).containsExactly("queued", "retried", "succeeded");
            JobPage third = goodJob.jobs(planted.db(), byThree.after(second.next()));
            assertThat(third.jobs()).extracting(Job::id).containsExactly(job(8), job(7));
            assertThat(third.hasNext()).isFalse();

            JobFilter declined = new JobFilter(null, null, null, "ChargeCardJob", "card DECLINED", null, 10);
            assertThat(goodJob.jobs(planted.db(), declined).jobs()).extracting(Job::id).containsExactly(job(8), job(7));
            assertThat(goodJob.count(planted.db(), declined, 1000)).isEqualTo(Count.exact(2));
        }
    }

    /**
     * Job#retry_job on the discarded 07 and 08, and nothing else; then good_job's own dequeue, one
     * worker thread per connection while 05's worker holds it, takes each retried job exactly once.
     */
    @ParameterizedTest
    @MethodSource("versions")
    void retryEnqueuesDiscardedJobsAgainAndEachIsDequeuedOnce(TestPostgres pg, String version) throws SQLException {
        try (PlantedLibrary planted = plant(pg, version); Connection running = planted.connect()) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            assertThat(goodJob.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.exact(2));
            var retry = goodJob.retry(List.of(id(version, 7), id(version, 8), id(version, 1), id(version, 5))).orElseThrow();
            ActionResult result = planted.run(retry);
            assertThat(result.message()).as(result.toString()).isEqualTo("2 jobs enqueued again.");
            assertThat(planted.run(retry).message()).startsWith("No job changed");
            assertThat(goodJob.eligible(planted.db(), JobOperation.RETRY, JobFilter.all(), 1000)).isEqualTo(Count.ZERO);

            // the job's head row: unfinished, not performed, due now, Active Job's executions one higher
            String heads = "SELECT right(active_job_id::text, 2), finished_at IS NULL, performed_at IS NULL,"
                    + " scheduled_at <= now() AT TIME ZONE 'UTC', serialized_params ->> 'executions', error"
                    + " FROM good_jobs WHERE retried_good_job_id IS NULL AND active_job_id IN ('" + job(7) + "', '" + job(8) + "')"
                    + " ORDER BY active_job_id";
            if (version.equals("4.x")) {
                assertThat(planted.rows(heads)).containsExactly("07|t|t|t|1|Stripe::CardError: card declined",
                        "08|t|t|t|1|Stripe::CardError: card declined");
                assertThat(planted.rows("SELECT DISTINCT error_event FROM good_jobs WHERE id IN ('" + job(7) + "', '" + job(8) + "')"))
                        .containsExactly(String.valueOf(GoodJobAdapter.ERROR_EVENT_RETRIED));
            } else {
                assertThat(planted.rows(heads)).containsExactly("07|t|t|t|2|null", "08|t|t|t|1|null");
                assertThat(planted.rows("SELECT count(*), count(*) FILTER (WHERE retried_good_job_id IS NULL) FROM good_jobs"))
                        .containsExactly("14|9");
            }
            assertThat(goodJob.depths(planted.db(), DepthSettings.DEFAULTS).get(0).byLibraryState())
                    .containsEntry("queued", Count.exact(4)).containsEntry("discarded", Count.ZERO);

            lock(running, 5);
            List<String> taken = new ArrayList<>();
            List<Connection> threads = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    Connection thread = planted.connect();
                    threads.add(thread);
                    taken.addAll(dequeue(thread, version));
                }
            } finally {
                for (Connection thread : threads) {
                    thread.close();
                }
            }
            assertThat(taken).containsExactlyInAnyOrder(job(1), job(2), job(9), job(7), job(8));
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void discardFinishesOnlyJobsNotStartedNorLocked(TestPostgres pg, String version) throws SQLException {
        try (PlantedLibrary planted = plant(pg, version); Connection worker = planted.connect()) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            lock(worker, 2);
            assertThat(goodJob.eligible(planted.db(), JobOperation.CANCEL, JobFilter.all(), 1000)).isEqualTo(Count.exact(4));
            var discard = goodJob.cancel(List.of(id(version, 1), id(version, 2), id(version, 3), id(version, 5), id(version, 6)))
                    .orElseThrow();
            assertThat(planted.run(discard).message()).isEqualTo("2 jobs discarded.");
            assertThat(planted.rows("SELECT right(active_job_id::text, 1), finished_at IS NOT NULL, error FROM good_jobs"
                    + " WHERE active_job_id IN ('" + job(1) + "', '" + job(2) + "', '" + job(3) + "', '" + job(5) + "') ORDER BY 1"))
                    .containsExactly("1|t|GoodJob::Job::DiscardJobError: Discarded in pgdeck", "2|f|null",
                            "3|t|GoodJob::Job::DiscardJobError: Discarded in pgdeck", "5|f|null");
            if (version.equals("4.x")) {
                assertThat(planted.rows("SELECT DISTINCT error_event FROM good_jobs WHERE id IN ('" + job(1) + "', '" + job(3) + "')"))
                        .containsExactly(String.valueOf(GoodJobAdapter.ERROR_EVENT_DISCARDED));
            }
            assertThat(planted.run(discard).message()).startsWith("No job changed");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void destroyDeletesFinishedJobsWithAllTheirExecutions(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            var destroy = goodJob.delete(List.of(id(version, 7), id(version, 1), id(version, 5))).orElseThrow();
            assertThat(planted.run(destroy).message()).isEqualTo("1 job deleted.");
            assertThat(planted.rows("SELECT count(*) FROM good_jobs WHERE active_job_id = '" + job(7) + "'")).containsExactly("0");
            if (version.equals("4.x")) {
                assertThat(planted.rows("SELECT count(*) FROM good_job_executions WHERE active_job_id = '" + job(7) + "'"))
                        .containsExactly("0");
            }
            Count purged = goodJob.eligible(planted.db(), JobOperation.DELETE, JobFilter.all(), 1000);
            assertThat(purged).isEqualTo(Count.exact(2));
            assertThat(planted.run(goodJob.deleteMatching(JobFilter.all(), purged.value()).orElseThrow()).message())
                    .isEqualTo("2 jobs deleted.");
            assertThat(planted.rows("SELECT DISTINCT right(active_job_id::text, 1) FROM good_jobs ORDER BY 1"))
                    .containsExactly("1", "2", "3", "4", "5", "9");
        }
    }

    @ParameterizedTest
    @MethodSource("versions")
    void pauseUsesGoodJobSettingsWhereTheyExist(TestPostgres pg, String version) {
        try (PlantedLibrary planted = plant(pg, version)) {
            GoodJobAdapter goodJob = GoodJobAdapter.detect(planted.db()).get(0);
            if (version.equals("3.0")) {
                assertThat(goodJob.pause("default")).isEmpty();
                assertThat(goodJob.resume("default")).isEmpty();
                return;
            }
            var pause = goodJob.pause("default").orElseThrow();
            assertThat(planted.run(pause).message()).isEqualTo("Queue default paused.");
            assertThat(planted.rows("SELECT value FROM good_job_settings WHERE key = 'pauses'"))
                    .containsExactly("{\"labels\": [], \"queues\": [\"default\"], \"job_classes\": []}");
            assertThat(planted.run(pause).message()).isEqualTo("Queue default was already paused.");
            assertThat(planted.run(goodJob.pause("mailers").orElseThrow()).message()).isEqualTo("Queue mailers paused.");
            assertThat(goodJob.depths(planted.db(), DepthSettings.DEFAULTS)).extracting(QueueDepth::paused)
                    .containsExactly(true, true);
            var resume = goodJob.resume("default").orElseThrow();
            assertThat(planted.run(resume).message()).isEqualTo("Queue default resumed.");
            assertThat(planted.run(resume).message()).isEqualTo("Queue default was not paused.");
            assertThat(planted.rows("SELECT value -> 'queues' FROM good_job_settings WHERE key = 'pauses'"))
                    .containsExactly("[\"mailers\"]");
        }
    }
}
