package io.pgdeck.sample;

import io.pgdeck.catalog.BouncerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * One database's traffic through PgBouncer between two reads of SHOW STATS: queries and
 * transactions per second, and the average query, transaction and wait time of that interval, from
 * the deltas of the cumulative {@code total_*} counters (PgBouncer's own {@code avg_*} are averaged
 * over stats_period instead, a minute by default). A value is NaN where there is none: a database
 * not in the previous read, a counter that went down (PgBouncer restarted or dropped an idle
 * pool), or an average over no queries.
 */
public record BouncerRates(String database, double queriesPerSecond, double transactionsPerSecond,
                           double avgQueryMicros, double avgTransactionMicros, double avgWaitMicros) {

    public static List<BouncerRates> between(List<BouncerStats> previous, Instant previousAt,
                                             List<BouncerStats> current, Instant currentAt) {
        Map<String, BouncerStats> before = previous.stream()
                .collect(Collectors.toMap(BouncerStats::database, Function.identity(), (a, b) -> b));
        List<BouncerRates> out = new ArrayList<>();
        for (BouncerStats now : current) {
            BouncerStats then = before.get(now.database());
            out.add(then == null ? none(now.database()) : of(then, previousAt, now, currentAt));
        }
        return out;
    }

    public static BouncerRates of(BouncerStats then, Instant thenAt, BouncerStats now, Instant nowAt) {
        if (Duration.between(thenAt, nowAt).isNegative() || wentDown(then, now)) {
            return none(now.database());
        }
        return new BouncerRates(now.database(),
                CounterRate.perSecond(then.queries(), thenAt, now.queries(), nowAt),
                CounterRate.perSecond(then.transactions(), thenAt, now.transactions(), nowAt),
                average(then, now, BouncerStats::queryMicros, BouncerStats::queries),
                average(then, now, BouncerStats::transactionMicros, BouncerStats::transactions),
                average(then, now, BouncerStats::waitMicros, BouncerStats::assignments));
    }

    private static BouncerRates none(String database) {
        return new BouncerRates(database, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Any counter lower than before: the numbers start again from zero, so this interval has no rate. */
    private static boolean wentDown(BouncerStats then, BouncerStats now) {
        return now.queries() < then.queries() || now.transactions() < then.transactions()
                || now.assignments() < then.assignments() || now.queryMicros() < then.queryMicros()
                || now.transactionMicros() < then.transactionMicros() || now.waitMicros() < then.waitMicros();
    }

    private static double average(BouncerStats then, BouncerStats now, ToLongFunction<BouncerStats> time,
                                  ToLongFunction<BouncerStats> count) {
        long n = count.applyAsLong(now) - count.applyAsLong(then);
        return n <= 0 ? Double.NaN : (double) (time.applyAsLong(now) - time.applyAsLong(then)) / n;
    }
}
