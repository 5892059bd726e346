package io.pgdeck.queue;

import io.pgdeck.action.Action;
import java.util.List;
import java.util.Optional;

/**
 * What the queues screen asks of the installations it shows, by {@link QueueAdapter#key()}:
 * the job browser's and the kinds' reads (off the JavaFX thread) and the actions (built without a connection).
 */
public interface QueueService {

    JobPage jobs(String adapterKey, JobFilter filter);

    Optional<JobDetail> job(String adapterKey, String id);

    Count count(String adapterKey, JobFilter filter);

    Optional<Action> retry(String adapterKey, List<String> ids);

    Optional<Action> retryMatching(String adapterKey, JobFilter filter, long matching);

    Optional<Action> cancel(String adapterKey, List<String> ids);

    /** Deletes the given jobs not running, as the library's own tooling does; empty when it has no delete. */
    Optional<Action> delete(String adapterKey, List<String> ids);

    /** The purge: deletes the finished jobs the filter matches (its age: {@link JobFilter#olderThan()}), in batches. */
    Optional<Action> deleteMatching(String adapterKey, JobFilter filter, long matching);

    /**
     * Hands messages a consumer still holds to the next read now (pgmq); confirmed on its own, never
     * part of a retry. Empty where the library has none.
     */
    Optional<Action> makeVisibleNow(String adapterKey, List<String> ids);

    /** How many of the jobs the filter matches the operation would change: what a confirmation says. */
    Count eligible(String adapterKey, JobOperation operation, JobFilter filter);

    /** One queue's depth and failures by kind, the largest kinds first. */
    List<KindDepth> kinds(String adapterKey, String queue);

    Optional<Action> pause(String adapterKey, String queue);

    Optional<Action> resume(String adapterKey, String queue);

    /** The library's own state names of an installation, for the state filter. */
    List<String> libraryStates(String adapterKey);

    /** How the queues are read: the retry limit in use, for the screen to say. */
    default DepthSettings settings() {
        return DepthSettings.DEFAULTS;
    }
}
