package io.pgdeck.catalog;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A partitioned table and its partitions as a tree.
 *
 * @param strategy  range, list or hash
 * @param keyDef    the key as pg_get_partkeydef prints it, e.g. {@code RANGE (created_at)}
 * @param keyColumn the key's one column, or null when the key is an expression or several columns
 * @param partman   pg_partman's configuration of this set, when pg_partman manages it
 */
public record PartitionSet(String schema, String name, String strategy, String keyDef, String keyColumn,
                           List<Partition> partitions, Optional<PartmanConfig> partman) {

    public PartitionSet {
        partitions = List.copyOf(partitions);
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    public boolean isRange() {
        return "range".equals(strategy);
    }

    public Optional<Partition> defaultPartition() {
        return partitions.stream().filter(Partition::isDefault).findFirst();
    }

    public long sizeBytes() {
        return partitions.stream().mapToLong(Partition::sizeBytes).sum();
    }

    public long estimatedRows() {
        return partitions.stream().mapToLong(p -> Math.max(0, p.estimatedRows())).sum();
    }

    /** Leaves and levels of the first level that have a time range, for coverage. */
    public List<Partition> timePartitions() {
        return partitions.stream().filter(p -> p.timeRange().isPresent()).toList();
    }

    /** Coverage of a one-column time range set; empty for hash, list and non-time ranges. */
    public Optional<PartitionCoverage> coverage(LocalDateTime nowUtc) {
        List<Partition> timed = timePartitions();
        if (!isRange() || timed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PartitionCoverage.of(timed.stream().map(p -> p.timeRange().orElseThrow()).toList(), nowUtc));
    }

    /** Partitions a DETACH ... CONCURRENTLY left pending, anywhere in the tree. */
    public List<Partition> detachPending() {
        return flatten(partitions).stream().filter(Partition::detachPending).toList();
    }

    static List<Partition> flatten(List<Partition> nodes) {
        java.util.ArrayList<Partition> out = new java.util.ArrayList<>();
        for (Partition p : nodes) {
            out.add(p);
            out.addAll(flatten(p.children()));
        }
        return out;
    }
}
