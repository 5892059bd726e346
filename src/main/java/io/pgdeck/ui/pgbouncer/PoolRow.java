package io.pgdeck.ui.pgbouncer;

import io.pgdeck.catalog.BouncerPool;
import io.pgdeck.sample.BouncerRates;
import java.time.Duration;

/**
 * A pool of the table: SHOW POOLS, its pool_size, and its database's traffic over the last refresh
 * (SHOW STATS counts per database, so pools of one database show the same rates). NaN where there is none yet.
 */
public record PoolRow(BouncerPool pool, int poolSize, double queriesPerSecond, double transactionsPerSecond,
                      double avgQueryMillis, double avgTransactionMillis, double avgWaitMillis) {

    static PoolRow of(BouncerPool pool, int poolSize, BouncerRates rates) {
        if (rates == null) {
            return new PoolRow(pool, poolSize, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new PoolRow(pool, poolSize, rates.queriesPerSecond(), rates.transactionsPerSecond(),
                rates.avgQueryMicros() / 1000, rates.avgTransactionMicros() / 1000, rates.avgWaitMicros() / 1000);
    }

    public Duration maxWait() {
        return pool.maxWait();
    }
}
