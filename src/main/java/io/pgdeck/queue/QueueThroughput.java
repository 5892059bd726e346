package io.pgdeck.queue;

import java.time.Duration;

/**
 * What one queue finished in the last window, read from the jobs' own finish timestamps.
 *
 * @param done jobs finished successfully in the window; null when the library deletes jobs as
 *     they succeed (Graphile Worker), or when no index serves the count (unknown, never 0)
 * @param failed jobs that failed an attempt in the window (retryable or dead); null when no
 *     index serves the count
 */
public record QueueThroughput(QueueRef queue, Duration window, Long done, Long failed) {

    public double donePerMinute() {
        return done == null ? Double.NaN : done * 60_000.0 / Math.max(1, window.toMillis());
    }

    public double failedPerMinute() {
        return failed == null ? Double.NaN : failed * 60_000.0 / Math.max(1, window.toMillis());
    }

    /** Failed attempts among all that ended in the window, 0..1; NaN when unknown or none ended. */
    public double failureRate() {
        if (done == null || failed == null || done + failed == 0) {
            return Double.NaN;
        }
        return (double) failed / (done + failed);
    }
}
