package io.pgdeck.connect;

/** pgdeck's own monitoring pool, as HikariCP reports it. */
public record PoolStats(int active, int idle, int total, int threadsAwaiting, int maximum) {}
