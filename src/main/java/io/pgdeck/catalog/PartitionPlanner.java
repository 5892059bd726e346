package io.pgdeck.catalog;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Which partitions a time-range set is missing: the next N after its newest one, or those that
 * fill its gaps, named and bounded like the set's existing partitions. Pure.
 */
public final class PartitionPlanner {

    private PartitionPlanner() {}

    public static List<NewPartition> next(PartitionSet set, int n, LocalDateTime nowUtc) {
        return set.coverage(nowUtc).map(c -> plan(set, c, c.nextSlots(n))).orElse(List.of());
    }

    public static List<NewPartition> gaps(PartitionSet set, LocalDateTime nowUtc) {
        return set.coverage(nowUtc).map(c -> plan(set, c, c.gapSlots())).orElse(List.of());
    }

    /** Up to the start of the interval after the one holding {@code until}; for "cover until". */
    public static List<NewPartition> until(PartitionSet set, LocalDateTime until, LocalDateTime nowUtc) {
        return set.coverage(nowUtc).map(c -> {
            int n = 0;
            LocalDateTime at = c.coveredUntil();
            while (!at.isAfter(until) && n < 1000) {
                at = c.interval().orElseThrow().after(at);
                n++;
            }
            return plan(set, c, c.nextSlots(n));
        }).orElse(List.of());
    }

    private static List<NewPartition> plan(PartitionSet set, PartitionCoverage coverage, List<TimeRange> slots) {
        if (coverage.interval().isEmpty()) {
            return List.of();
        }
        List<Partition> timed = set.timePartitions();
        PartitionNaming naming = PartitionNaming.of(set.name(), timed, coverage.interval().get());
        PartitionBounds.TimeLiteral literal = PartitionBounds.literalKind(timed.get(timed.size() - 1).bounds().to().get(0));
        return slots.stream()
                .map(s -> new NewPartition(set.schema(), naming.name(s.from()), literal.format(s.from()),
                        literal.format(s.to()), s))
                .toList();
    }
}
