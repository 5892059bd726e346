package io.pgdeck.queue;

/**
 * One queue as the screen and the CLI show it: its depth, and what it finished in the last
 * window (done unknown where the library deletes finished jobs).
 *
 * @param adapterKey the {@link QueueAdapter#key()} of its installation, to browse and act on it
 */
public record QueueStatus(String adapterKey, QueueDepth depth, QueueThroughput throughput) {

    public QueueRef queue() {
        return depth.queue();
    }
}
