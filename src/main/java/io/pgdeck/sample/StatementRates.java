package io.pgdeck.sample;

import io.pgdeck.catalog.StatementStats;

/**
 * What one statement did over a window, from deltas between reads: totals in the window and
 * per-second rates over its length. A figure with nothing to divide by is NaN, never negative
 * or infinite.
 *
 * @param statement the latest read of the statement (its text, role, database)
 * @param seconds how long the window covered; NaN where unknown (since reset, before PG14)
 * @param maxMillis the slowest call seen in the window, at least; see {@link StatementDeltas}
 */
public record StatementRates(
        StatementStats statement,
        double seconds,
        double calls,
        double totalMillis,
        double maxMillis,
        double rows,
        double blocksHit,
        double blocksRead,
        double tempBlocksWritten,
        double plans,
        double planMillis) {

    public double callsPerSecond() {
        return perSecond(calls);
    }

    /** Milliseconds of execution per second of wall time: 1000 is one core busy with this statement. */
    public double millisPerSecond() {
        return perSecond(totalMillis);
    }

    public double meanMillis() {
        return calls > 0 ? totalMillis / calls : Double.NaN;
    }

    public double rowsPerCall() {
        return calls > 0 ? rows / calls : Double.NaN;
    }

    public double blocksHitPerSecond() {
        return perSecond(blocksHit);
    }

    public double blocksReadPerSecond() {
        return perSecond(blocksRead);
    }

    public double tempBlocksWrittenPerSecond() {
        return perSecond(tempBlocksWritten);
    }

    /** Blocks that cost I/O: read from outside shared buffers, and written to temp files. */
    public double ioBlocks() {
        return blocksRead + tempBlocksWritten;
    }

    /** Mean planning time, NaN when planning is not tracked or nothing was planned. */
    public double meanPlanMillis() {
        return plans > 0 ? planMillis / plans : Double.NaN;
    }

    private double perSecond(double total) {
        return seconds > 0 ? total / seconds : Double.NaN;
    }
}
