package io.pgdeck.catalog;

import java.time.Duration;

/**
 * Where PgBouncer's pools start to warn.
 *
 * @param maxWait how long the oldest client of a pool may wait for a server connection
 * @param poolPercent share of a pool's pool_size its server connections may reach
 * @param clientsPercent share of max_client_conn the client connections may reach
 */
public record PgBouncerThresholds(Duration maxWait, double poolPercent, double clientsPercent) {

    public static PgBouncerThresholds defaults() {
        return new PgBouncerThresholds(Duration.ofSeconds(5), 100, 80);
    }
}
