package io.pgdeck.sample;

import io.pgdeck.catalog.DatabaseStats;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Server-wide per-second rates between two reads of pg_stat_database, summed over databases.
 * A value is NaN for an interval in which its counter went backwards (statistics reset).
 */
public record ServerRates(
        double commits,
        double rollbacks,
        double blocksRead,
        double blocksHit,
        double tuplesReturned,
        double tuplesWritten,
        double tempBytes,
        double deadlocks,
        double cacheHitRatio) {

    public static ServerRates between(List<DatabaseStats> previous, Instant previousAt,
                                      List<DatabaseStats> current, Instant currentAt) {
        Rate r = counter -> CounterRate.perSecond(sum(previous, counter), previousAt, sum(current, counter), currentAt);
        double read = r.of(DatabaseStats::blocksRead);
        double hit = r.of(DatabaseStats::blocksHit);
        double ratio = read + hit > 0 ? hit / (read + hit) : Double.NaN;
        return new ServerRates(
                r.of(DatabaseStats::commits),
                r.of(DatabaseStats::rollbacks),
                read,
                hit,
                r.of(DatabaseStats::tuplesReturned),
                r.of(s -> s.tuplesInserted() + s.tuplesUpdated() + s.tuplesDeleted()),
                r.of(DatabaseStats::tempBytes),
                r.of(DatabaseStats::deadlocks),
                ratio);
    }

    private static long sum(List<DatabaseStats> stats, ToLongFunction<DatabaseStats> counter) {
        return stats.stream().mapToLong(counter).sum();
    }

    @FunctionalInterface
    private interface Rate {
        double of(ToLongFunction<DatabaseStats> counter);
    }
}
