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

    public static final DepthSettings DEFAULTS = new DepthSettings(100_000, Duration.ofMinutes(30));

    public DepthSettings {
        if (exactBelow < 0 || stuckAfter.isNegative()) {
            throw new IllegalArgumentException("limits are not negative");
        }
    }
}
