package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * Usage counters of one index from pg_stat_user_indexes since the statistics were reset.
 *
 * @param lastScan when it was last scanned (PG16+), null before PG16 or when never scanned
 */
public record IndexCounters(long scans, long tuplesRead, long tuplesFetched, OffsetDateTime lastScan) {

    public static final IndexCounters NONE = new IndexCounters(0, 0, 0, null);
}
