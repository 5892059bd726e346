package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * A VACUUM in progress, from pg_stat_progress_vacuum.
 *
 * @param table null when it runs in another database (its relid means nothing here)
 */
public record RunningVacuum(int pid, String database, RelationName table, boolean autovacuum, String phase,
                            long heapBlocksTotal, long heapBlocksScanned, long heapBlocksVacuumed,
                            long indexVacuumCount, OffsetDateTime startedAt) {

    /** Share of the heap scanned, in [0, 1]; -1 before PostgreSQL knows the size. */
    public double scannedRatio() {
        return heapBlocksTotal <= 0 ? -1 : Math.min(1.0, (double) heapBlocksScanned / heapBlocksTotal);
    }
}
