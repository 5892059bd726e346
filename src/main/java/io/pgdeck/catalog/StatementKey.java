package io.pgdeck.catalog;

/**
 * What tells one pg_stat_statements entry from another: the same normalized query run by two
 * roles, in two databases, or both at top level and inside a function are separate entries.
 * {@code toplevel} is true before PG14, where nested statements are not told apart.
 */
public record StatementKey(long userId, long databaseId, long queryId, boolean toplevel) {}
