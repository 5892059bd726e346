package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * Cumulative counters of one database from pg_stat_database; rates come from two of these.
 * The session counters exist from PG14 and are null on older servers.
 */
public record DatabaseStats(
        String database,
        int backends,
        long commits,
        long rollbacks,
        long blocksRead,
        long blocksHit,
        long tuplesReturned,
        long tuplesFetched,
        long tuplesInserted,
        long tuplesUpdated,
        long tuplesDeleted,
        long conflicts,
        long tempFiles,
        long tempBytes,
        long deadlocks,
        Long sessionsAbandoned,
        Long sessionsFatal,
        Long sessionsKilled,
        OffsetDateTime statsReset) {

    /** Share of block reads served from shared buffers since the statistics were reset. */
    public double cacheHitRatio() {
        long total = blocksHit + blocksRead;
        return total == 0 ? Double.NaN : (double) blocksHit / total;
    }
}
