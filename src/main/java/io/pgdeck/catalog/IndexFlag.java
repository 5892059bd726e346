package io.pgdeck.catalog;

/** What pgdeck finds worth a DBA's look about one index. */
public enum IndexFlag {
    /** No scans since the statistics were reset, and it enforces nothing. */
    UNUSED,
    /** Same table, method, columns or expressions, operator classes, options and predicate as another. */
    DUPLICATE,
    /** Its key columns are a leading prefix of another index's, with the same method and predicate. */
    REDUNDANT,
    /** indisvalid is false and no index build runs on its table: queries never use it, writes still pay for it. */
    INVALID,
    /** Not valid yet, but a CREATE INDEX or REINDEX is building on its table right now. */
    BUILDING
}
