package io.pgdeck.catalog;

import java.util.List;
import java.util.Set;

/**
 * One index with its counters, what pgdeck found about it and why, in sentences.
 *
 * @param leftoverOf for an index named like the leftovers of a failed REINDEX CONCURRENTLY
 *     ({@code _ccnew}, {@code _ccold}), the index that was being rebuilt; otherwise null
 */
public record IndexReport(IndexDefinition index, IndexCounters counters, Set<IndexFlag> flags,
                          List<String> reasons, String leftoverOf) {

    public IndexReport {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(flags);
        reasons = List.copyOf(reasons);
    }

    public boolean has(IndexFlag flag) {
        return flags.contains(flag);
    }

    /**
     * Dropping is offered for unused, duplicate, redundant and invalid indexes, never for one a
     * constraint needs (drop the constraint instead, knowingly).
     */
    public boolean droppable() {
        return !index.backsConstraint() && !flags.isEmpty() && !flags.equals(Set.of(IndexFlag.BUILDING));
    }

    public String explanation() {
        return String.join(" ", reasons);
    }
}
