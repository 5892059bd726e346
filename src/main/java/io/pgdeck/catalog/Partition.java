package io.pgdeck.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One partition of a set, or a sub-partitioned level with its own partitions under it.
 *
 * @param estimatedRows planner estimate (reltuples), -1 when never analyzed; a sum for a level
 * @param sizeBytes     total size with indexes and TOAST; a sum for a level
 * @param defaultRows   for a DEFAULT partition, rows counted up to {@link PartitionReader#DEFAULT_ROW_CAP}; else 0
 * @param detachPending a DETACH ... CONCURRENTLY was interrupted: FINALIZE it (PostgreSQL 14+)
 */
public record Partition(String schema, String name, PartitionBounds bounds, long estimatedRows, long sizeBytes,
                        long defaultRows, boolean detachPending, String subStrategy, List<Partition> children) {

    public Partition {
        children = List.copyOf(children);
    }

    public boolean isDefault() {
        return bounds.isDefault();
    }

    public boolean isLevel() {
        return subStrategy != null;
    }

    /** A DEFAULT partition holding rows: those rows block creating a partition for their range. */
    public boolean defaultHoldsRows() {
        return isDefault() && defaultRows > 0;
    }

    public Optional<TimeRange> timeRange() {
        return Optional.ofNullable(bounds.time());
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
