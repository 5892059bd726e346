package io.pgdeck.cli.snapshot;

import io.pgdeck.sample.StatementRates;

/**
 * One statement of the snapshot: its work over the snapshot's interval (or since the last reset
 * when the interval is zero). Per-second figures are null where there is no time to divide by.
 */
public record StatementEntry(
        long queryId,
        boolean toplevel,
        String user,
        String database,
        String query,
        double calls,
        Double callsPerSecond,
        double totalMillis,
        Double millisPerSecond,
        Double meanMillis,
        Double maxMillis,
        Double rowsPerCall,
        Double sharedBlocksHitPerSecond,
        Double sharedBlocksReadPerSecond,
        Double tempBlocksWrittenPerSecond,
        Double meanPlanMillis) {

    static StatementEntry of(StatementRates r) {
        return new StatementEntry(r.statement().key().queryId(), r.statement().key().toplevel(), r.statement().user(),
                r.statement().database(), r.statement().query(), r.calls(), Figures.finite(r.callsPerSecond()),
                r.totalMillis(), Figures.finite(r.millisPerSecond()), Figures.finite(r.meanMillis()),
                Figures.finite(r.maxMillis()), Figures.finite(r.rowsPerCall()), Figures.finite(r.blocksHitPerSecond()),
                Figures.finite(r.blocksReadPerSecond()), Figures.finite(r.tempBlocksWrittenPerSecond()),
                Figures.finite(r.meanPlanMillis()));
    }
}
