package io.pgdeck.queue;

import io.pgdeck.action.Action;
import java.util.List;
import java.util.Optional;

/**
 * What the queues screen asks of the installations it shows, by {@link QueueAdapter#key()}:
 * the job browser's reads (off the JavaFX thread) and the actions (built without a connection).
 */
public interface QueueService {

    JobPage jobs(String adapterKey, JobFilter filter);

    Optional<JobDetail> job(String adapterKey, String id);

    Count count(String adapterKey, JobFilter filter);

    Optional<Action> retry(String adapterKey, List<String> ids);

    Optional<Action> retryMatching(String adapterKey, JobFilter filter, long matching);

    Optional<Action> cancel(String adapterKey, List<String> ids);

    Optional<Action> pause(String adapterKey, String queue);

    Optional<Action> resume(String adapterKey, String queue);

    /** The library's own state names of an installation, for the state filter. */
    List<String> libraryStates(String adapterKey);

    /** How the queues are read: the retry limit in use, for the screen to say. */
    default DepthSettings settings() {
        return DepthSettings.DEFAULTS;
    }
}
