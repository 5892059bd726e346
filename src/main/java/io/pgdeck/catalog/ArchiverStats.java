package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/** pg_stat_archiver: how WAL archiving has gone since the statistics were reset. */
public record ArchiverStats(
        boolean archiveMode,
        long archivedCount,
        String lastArchivedWal,
        OffsetDateTime lastArchivedAt,
        long failedCount,
        String lastFailedWal,
        OffsetDateTime lastFailedAt) {

    /** The last attempt failed: WAL piles up in pg_wal until the command works again. */
    public boolean failingSinceLastSuccess() {
        return lastFailedAt != null && (lastArchivedAt == null || lastFailedAt.isAfter(lastArchivedAt));
    }
}
