package io.pgdeck.catalog;

import io.pgdeck.connect.Privileges;
import java.util.List;
import java.util.Optional;

/**
 * One partition of a set, or a sub-partitioned level with its own partitions under it.
 *
 * @param estimatedRows planner estimate (reltuples), -1 when never analyzed; a sum for a level
 * @param sizeBytes     total size with indexes and TOAST; a sum for a level
 * @param defaultRows   for a DEFAULT partition, rows counted up to {@link PartitionReader#DEFAULT_ROW_CAP}, or
 *                      when the role may not read it the statistics' live rows, -1 when they have none; else 0
 * @param detachPending a DETACH ... CONCURRENTLY was interrupted: FINALIZE it (PostgreSQL 14+)
 * @param readable      the role may SELECT it (every partition of a level, for a level)
 */
public record Partition(String schema, String name, PartitionBounds bounds, long estimatedRows, long sizeBytes,
                        long defaultRows, boolean detachPending, String subStrategy, List<Partition> children,
                        boolean readable) {

    public Partition {
        children = List.copyOf(children);
    }

    public Partition(String schema, String name, PartitionBounds bounds, long estimatedRows, long sizeBytes,
                     long defaultRows, boolean detachPending, String subStrategy, List<Partition> children) {
        this(schema, name, bounds, estimatedRows, sizeBytes, defaultRows, detachPending, subStrategy, children, true);
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

    /**
     * How a DEFAULT partition's rows were known when not counted: "≈ from statistics, counting
     * needs SELECT on s.t", or "hidden: needs SELECT on s.t" when not even the statistics know.
     */
    public Optional<String> defaultRowsNote() {
        if (!isDefault() || readable) {
            return Optional.empty();
        }
        return Optional.of(defaultRows < 0 ? Privileges.needsSelect(qualifiedName())
                : "≈ from statistics: counting needs SELECT on " + qualifiedName());
    }

    public Optional<TimeRange> timeRange() {
        return Optional.ofNullable(bounds.time());
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
