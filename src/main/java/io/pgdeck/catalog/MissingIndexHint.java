package io.pgdeck.catalog;

/** A table read mostly by sequential scans of many rows: a candidate for an index, with why. */
public record MissingIndexHint(TableScans scans, String reason) {}
