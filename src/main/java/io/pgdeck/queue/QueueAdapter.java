package io.pgdeck.queue;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One installation of one queue library (River in schema {@code public}), found by
 * {@link QueueLibrary#detect(DSLContext)}. An adapter is one class: it reads the library's
 * tables with jOOQ (identifiers through {@code DSL.name}, never concatenated) and builds its
 * actions with {@link JobActions}; every library-specific meaning (which states a retry moves,
 * how attempts are raised, whether a queue can pause) stays inside it, and nothing outside asks
 * which adapter it holds. A library keeping its jobs in one table extends {@link JobTableAdapter}
 * and describes that table.
 *
 * <p>Reads take the monitoring context ({@code Target.db()}: read-only, with statement_timeout)
 * and run off the JavaFX thread. Actions are built without a connection, describe their exact
 * SQL, and run through {@code ActionRunner}. Every action is idempotent: running it twice never
 * makes a job run twice, and it never touches a running job.
 */
public interface QueueAdapter extends AutoCloseable {

    /** The library's name: "River", "Oban", "pg-boss", "Graphile Worker", "job_queue (seed)". */
    String library();

    /** The schema the installation's tables live in. */
    String schema();

    /** Tells installations apart: library and schema (and table, for custom mappings). */
    default String key() {
        return library() + ":" + schema();
    }

    /** The library's own state names in its order, as {@link QueueDepth#byLibraryState()} keys them. */
    List<String> libraryStates();

    /** Names of the queues the installation has now (from its queue table, or the jobs). */
    List<String> queues(DSLContext db);

    /**
     * Depth of every queue: counts by state (exact below {@link DepthSettings#exactBelow()},
     * the planner's estimate above, marked), oldest waiting age, stuck and expired jobs.
     * Must stay cheap on a ten-million-row table: it runs every few seconds.
     */
    List<QueueDepth> depths(DSLContext db, DepthSettings settings);

    /**
     * Jobs finished and failed per queue in the last {@code window}, from finish timestamps: every
     * queue {@link #queues} names, and the others that finished or failed anything in the window.
     */
    List<QueueThroughput> throughput(DSLContext db, Duration window);

    /**
     * Whether finished jobs stay in the database to be counted; false where a library deletes a
     * job when it succeeds (Graphile Worker), so its throughput says "unknown", not 0.
     */
    default boolean keepsFinishedJobs() {
        return true;
    }

    /**
     * One queue's jobs by kind, the largest first and only the top few: waiting, scheduled,
     * running, retryable and dead (never the finished jobs, which a big table holds millions of),
     * exact or estimated as {@link #depths} counts, with failures in {@code window}. Empty where
     * the library has no kinds pgdeck can group by.
     */
    default List<KindDepth> kinds(DSLContext db, String queue, DepthSettings settings, Duration window) {
        return List.of();
    }

    /** One page of jobs matching the filter, newest first, by keyset (never OFFSET). */
    JobPage jobs(DSLContext db, JobFilter filter);

    /** How many jobs a filter matches: exact up to {@code exactBelow}, estimated above. */
    Count count(DSLContext db, JobFilter filter, long exactBelow);

    /** A job with every recorded error and its output; empty when it is gone. */
    Optional<JobDetail> job(DSLContext db, String id);

    /**
     * Runs the given jobs again, with the library's semantics; jobs that are running, waiting or
     * already done are left alone. Empty when the library has no retry.
     */
    Optional<Action> retry(List<String> ids);

    /**
     * Runs again every failed job the filter matches (only states a retry applies to), in batches
     * each committed on its own so no lock is held long.
     *
     * @param matching how many the user was told match, for the confirmation and the batch count
     */
    Optional<Action> retryMatching(JobFilter filter, long matching);

    /** Cancels the given jobs that have not started; empty when the library cannot. */
    Optional<Action> cancel(List<String> ids);

    /**
     * Deletes the given jobs, never one a worker holds, as the library's own tooling deletes
     * them; empty when the library has no delete pgdeck may run.
     */
    Optional<Action> delete(List<String> ids);

    /**
     * The purge: deletes every finished job (dead, done, cancelled) the filter matches, usually
     * with {@link JobFilter#olderThan()}, in batches each committed on its own.
     *
     * @param matching how many {@link #eligible} counted, for the confirmation and the batch count
     */
    Optional<Action> deleteMatching(JobFilter filter, long matching);

    /**
     * How many of the jobs the filter matches an operation would change: the figure a
     * confirmation shows, so "Retry 40 jobs" means 40 will move, not 40 match.
     */
    Count eligible(DSLContext db, JobOperation operation, JobFilter filter, long exactBelow);

    /**
     * Hands jobs a consumer still holds to the next read now (pgmq's visibility timeout set to
     * 0): never part of a retry, a separate action whose confirmation says the job may run twice.
     * Empty where the library has none.
     */
    default Optional<Action> makeVisibleNow(List<String> ids) {
        return Optional.empty();
    }

    /**
     * What this installation cannot do because its schema is older than the library's newest,
     * one sentence each ("schema before migration V08: no cancel ..."); shown beside its queues.
     */
    default List<String> limits() {
        return List.of();
    }

    /** Pauses a queue; empty when the library has no pause. */
    Optional<Action> pause(String queue);

    /** Resumes a paused queue; empty when the library has no pause. */
    Optional<Action> resume(String queue);

    /** The queue reference of a queue name of this installation. */
    default QueueRef ref(String queue) {
        return new QueueRef(library(), schema(), queue);
    }

    /** Closes what it holds open beyond the target (BullMQ's Redis connection); most hold nothing. */
    @Override
    default void close() {
    }
}
