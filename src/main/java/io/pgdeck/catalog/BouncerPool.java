package io.pgdeck.catalog;

import java.time.Duration;

/**
 * One pool of PgBouncer's SHOW POOLS: a database and user pair, its clients and the server
 * connections it holds. {@code maxWait} is how long the oldest waiting client has waited.
 *
 * @param clientCancelRequests cancel requests queued or in flight (0 before 1.16, which did not count them)
 */
public record BouncerPool(String database, String user, int clientsActive, int clientsWaiting,
                          int clientCancelRequests, int serversActive, int serversIdle, int serversUsed,
                          int serversTested, int serversLogin, Duration maxWait, String poolMode) {

    /** Server connections the pool holds, counted against its pool_size. */
    public int servers() {
        return serversActive + serversIdle + serversUsed + serversTested + serversLogin;
    }

    public String name() {
        return database + "/" + user;
    }
}
