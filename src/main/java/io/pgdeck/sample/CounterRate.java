package io.pgdeck.sample;

import java.time.Duration;
import java.time.Instant;

/**
 * Per-second rate of a cumulative counter between two samples. A counter that went down was
 * reset (pg_stat_reset, a crash, a restart), so there is no rate for that interval rather
 * than a negative one.
 */
public final class CounterRate {

    private CounterRate() {}

    /** The rate, or NaN when there is none (first sample, reset, or no time passed). */
    public static double perSecond(long previous, Instant previousAt, long current, Instant currentAt) {
        double seconds = Duration.between(previousAt, currentAt).toNanos() / 1e9;
        if (seconds <= 0 || current < previous) {
            return Double.NaN;
        }
        return (current - previous) / seconds;
    }
}
