package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.DatabaseStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One database in the snapshot: its counters since the statistics were last reset, its size
 * (null where the role may not connect to it), and rates over the snapshot's interval (null when
 * the interval was zero or the database appeared in between).
 */
public record DatabaseSection(
        String name,
        int backends,
        Long sizeBytes,
        Double cacheHitRatio,
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
        Instant statsReset,
        DatabaseRates rates) {

    /** @param before the first read, or null for no rates */
    static List<DatabaseSection> of(List<DatabaseStats> after, Instant afterAt, List<DatabaseStats> before,
                                    Instant beforeAt, Map<String, Long> sizes) {
        Map<String, DatabaseStats> earlier = before == null ? Map.of()
                : before.stream().collect(Collectors.toMap(DatabaseStats::database, Function.identity()));
        return after.stream().map(s -> {
            DatabaseStats then = earlier.get(s.database());
            return of(s, sizes.get(s.database()), then == null ? null : DatabaseRates.between(then, beforeAt, s, afterAt));
        }).toList();
    }

    private static DatabaseSection of(DatabaseStats s, Long size, DatabaseRates rates) {
        return new DatabaseSection(s.database(), s.backends(), size, Figures.finite(s.cacheHitRatio()), s.commits(),
                s.rollbacks(), s.blocksRead(), s.blocksHit(), s.tuplesReturned(), s.tuplesFetched(), s.tuplesInserted(),
                s.tuplesUpdated(), s.tuplesDeleted(), s.conflicts(), s.tempFiles(), s.tempBytes(), s.deadlocks(),
                s.sessionsAbandoned(), s.sessionsFatal(), s.sessionsKilled(), Figures.instant(s.statsReset()), rates);
    }
}
