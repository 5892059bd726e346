package io.pgdeck.catalog;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * The cheap, every-refresh half of the index screen: counters per index oid, the tables on which
 * an index is being built right now (pg_stat_progress_create_index), and since when the counters count.
 *
 * @param countingSince when the statistics were last reset; where PostgreSQL never reset them, the
 *     server's start, the latest moment from which they certainly count
 */
public record IndexUsage(OffsetDateTime countingSince, OffsetDateTime readAt, Map<Long, IndexCounters> byIndex,
                         Set<Long> tablesBuilding) {

    public IndexUsage {
        byIndex = Map.copyOf(byIndex);
        tablesBuilding = Set.copyOf(tablesBuilding);
    }

    public IndexCounters of(long indexOid) {
        return byIndex.getOrDefault(indexOid, IndexCounters.NONE);
    }

    /** How long the counters have been counting: an index unused for one hour is not an unused index. */
    public Duration window() {
        return countingSince == null ? null : Duration.between(countingSince, readAt);
    }
}
