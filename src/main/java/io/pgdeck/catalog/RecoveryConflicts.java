package io.pgdeck.catalog;

/**
 * Queries this standby cancelled because replay needed what they held (pg_stat_database_conflicts).
 *
 * @param logicalSlot conflicts with active logical slots (16+; 0 before)
 */
public record RecoveryConflicts(String database, long tablespace, long lock, long snapshot, long bufferPin,
                                long deadlock, long logicalSlot) {

    public long total() {
        return tablespace + lock + snapshot + bufferPin + deadlock + logicalSlot;
    }
}
