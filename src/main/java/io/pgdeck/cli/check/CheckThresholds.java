package io.pgdeck.cli.check;

import java.time.Duration;

/**
 * Where {@code pgdeck check} starts to warn.
 *
 * @param connectionsPercent     share of max_connections in use by client connections
 * @param idleInTransaction      how long a session may sit idle in transaction
 * @param cacheHitPercent        lowest acceptable share of block reads served from shared buffers
 * @param cacheMinBlocks         block reads needed before the cache hit ratio means anything
 */
record CheckThresholds(double connectionsPercent, Duration idleInTransaction, double cacheHitPercent,
                              long cacheMinBlocks) {

    static CheckThresholds defaults() {
        return new CheckThresholds(80, Duration.ofMinutes(5), 99, 1000);
    }
}
