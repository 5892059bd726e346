package io.pgdeck.catalog;

import java.time.Duration;

/**
 * A standby streaming from this primary, as pg_stat_replication shows it. The lag times are
 * PostgreSQL's own (how long the last flushed WAL took to be written, flushed and replayed
 * there), null once the standby has caught up and gone quiet; the bytes are measured against
 * the primary's current WAL position, so they are never stale.
 */
public record ConnectedStandby(
        int pid,
        String applicationName,
        String clientAddress,
        String state,
        String syncState,
        Duration writeLag,
        Duration flushLag,
        Duration replayLag,
        Long sentLagBytes,
        Long replayLagBytes) {}
