package io.pgdeck.queue;

import java.time.Duration;

/**
 * How queues are read.
 *
 * @param exactBelow a state estimated by the planner at fewer rows than this is counted exactly;
 *     at or above it the planner's estimate is shown, marked ≈
 * @param stuckAfter a running job running longer than this is stuck (the seed says 30 minutes)
 * @param retryLimit where a job table keeps no limit of its own (the seed's job_queue without
 *     max_retries), a failed job with fewer retries than this is retryable, else dead
 */
public record DepthSettings(long exactBelow, Duration stuckAfter, int retryLimit) {

    /** Guide 001's retry sweep: {@code WHERE status = 'failed' AND retry_count < 3}. */
    public static final int SEED_RETRY_LIMIT = 3;

    /**
     * Exact below 20,000 rows (and 20,000 units of planner cost): counting more than that every
     * few seconds costs more than the 50 ms a refresh may take on a ten-million-row table
     * (QueueDepthBenchmark, seed job_queue with guide 001's indexes: 508 ms of server time per
     * refresh while 50,000 failed jobs were fetched to split them by retry_count, 6 ms since).
     */
    public static final DepthSettings DEFAULTS = new DepthSettings(20_000, Duration.ofMinutes(30), SEED_RETRY_LIMIT);

    public DepthSettings {
        if (exactBelow < 0 || stuckAfter.isNegative()) {
            throw new IllegalArgumentException("limits are not negative");
        }
        if (retryLimit < 0) {
            throw new IllegalArgumentException("a retry limit is not negative");
        }
    }

    public DepthSettings(long exactBelow, Duration stuckAfter) {
        this(exactBelow, stuckAfter, SEED_RETRY_LIMIT);
    }

    public DepthSettings withRetryLimit(int limit) {
        return new DepthSettings(exactBelow, stuckAfter, limit);
    }
}
