package io.pgdeck.queue;

import java.time.Duration;

/**
 * How depths are read.
 *
 * @param exactBelow a state estimated by the planner at fewer rows than this is counted exactly;
 *     at or above it the planner's estimate is shown, marked ≈
 * @param stuckAfter a running job running longer than this is stuck (the seed says 30 minutes)
 */
public record DepthSettings(long exactBelow, Duration stuckAfter) {

    /**
     * Exact below 20,000: counting more rows than that every few seconds costs more than the
     * 50 ms a refresh may take on a ten-million-row table (measured: 50,000 failed jobs counted
     * exactly took 300 ms of server time per refresh).
     */
    public static final DepthSettings DEFAULTS = new DepthSettings(20_000, Duration.ofMinutes(30));

    public DepthSettings {
        if (exactBelow < 0 || stuckAfter.isNegative()) {
            throw new IllegalArgumentException("limits are not negative");
        }
    }
}
