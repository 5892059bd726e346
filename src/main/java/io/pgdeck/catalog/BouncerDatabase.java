package io.pgdeck.catalog;

/**
 * A database of SHOW DATABASES: where PgBouncer sends it and how big its pools may grow.
 *
 * @param poolSize server connections per user pool (the database's own pool_size or default_pool_size)
 * @param maxConnections max_db_connections, 0 for no limit
 */
public record BouncerDatabase(String name, String host, Integer port, String database, int poolSize,
                              int reservePool, String poolMode, int maxConnections, int currentConnections,
                              boolean paused, boolean disabled) {}
