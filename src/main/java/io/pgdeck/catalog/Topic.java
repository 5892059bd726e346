package io.pgdeck.catalog;

/**
 * The parts of a server's state pgdeck reads, each by its own feeds. An action names the topics
 * it changes, so that after it only the feeds of those topics read again, not the catalog-wide
 * reads that are kept rare because they are expensive.
 */
public enum Topic {
    /** Sessions, their queries, locks and waits. */
    BACKENDS,
    /** pg_stat_statements. */
    STATEMENTS,
    /** Tables' sizes, dead tuples, (auto)vacuum and analyze times, bloat. */
    TABLES,
    /** Index definitions, sizes and usage. */
    INDEXES,
    /** Partitioned tables, their partitions and bounds. */
    PARTITIONS,
    /** Materialized views. */
    MATVIEWS,
    /** Job queues. */
    QUEUES
}
