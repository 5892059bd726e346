package io.pgdeck.queue;

import io.pgdeck.catalog.Formats;

/**
 * A number of jobs, exact or the planner's estimate. Above a limit a state is not counted
 * row by row, because a count must never scan a ten-million-row table every refresh.
 */
public record Count(long value, boolean estimated) {

    public static final Count ZERO = new Count(0, false);

    public static Count exact(long value) {
        return new Count(value, false);
    }

    public static Count estimate(long value) {
        return new Count(value, true);
    }

    public Count plus(Count other) {
        return new Count(value + other.value, estimated || other.estimated);
    }

    /** "1,234" or "≈ 9,800,000". */
    @Override
    public String toString() {
        return (estimated ? "≈ " : "") + Formats.count(value);
    }
}
