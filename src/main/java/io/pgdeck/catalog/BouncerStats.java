package io.pgdeck.catalog;

/**
 * One database's cumulative counters from SHOW STATS, since PgBouncer started (or since the pool
 * was created: a pool dropped for being idle takes its share with it). Times are in microseconds.
 *
 * @param assignments server connections handed to clients (since 1.23), or transactions before
 */
public record BouncerStats(String database, long assignments, long transactions, long queries,
                           long bytesReceived, long bytesSent, long transactionMicros, long queryMicros,
                           long waitMicros) {}
