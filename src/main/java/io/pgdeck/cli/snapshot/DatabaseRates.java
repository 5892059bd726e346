package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.sample.CounterRate;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

/**
 * Per-second rates of one database between two reads of its counters. A rate is null when a
 * counter was reset in between (pg_stat_reset, a restart): no rate rather than a wrong one.
 */
public record DatabaseRates(
        double intervalSeconds,
        Double commitsPerSecond,
        Double rollbacksPerSecond,
        Double blocksReadPerSecond,
        Double tempBytesPerSecond,
        Double deadlocksPerSecond) {

    static DatabaseRates between(DatabaseStats before, Instant beforeAt, DatabaseStats after, Instant afterAt) {
        return new DatabaseRates(Figures.seconds(Duration.between(beforeAt, afterAt)),
                rate(DatabaseStats::commits, before, beforeAt, after, afterAt),
                rate(DatabaseStats::rollbacks, before, beforeAt, after, afterAt),
                rate(DatabaseStats::blocksRead, before, beforeAt, after, afterAt),
                rate(DatabaseStats::tempBytes, before, beforeAt, after, afterAt),
                rate(DatabaseStats::deadlocks, before, beforeAt, after, afterAt));
    }

    private static Double rate(ToLongFunction<DatabaseStats> counter, DatabaseStats before, Instant beforeAt,
                               DatabaseStats after, Instant afterAt) {
        return Figures.finite(CounterRate.perSecond(counter.applyAsLong(before), beforeAt,
                counter.applyAsLong(after), afterAt));
    }
}
