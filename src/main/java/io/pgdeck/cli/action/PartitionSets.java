package io.pgdeck.cli.action;

import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.Target;
import java.util.function.Predicate;

/** The partition set a command names, by its parent or by one of its partitions, as the reader sees it. */
final class PartitionSets {

    private PartitionSets() {}

    static PartitionSet withParent(Target target, Relation parent) {
        return find(target, s -> s.schema().equals(parent.schema()) && s.name().equals(parent.name()),
                parent + " is not a partitioned table pgdeck can read.");
    }

    static PartitionSet holding(Target target, Relation partition) {
        return find(target, s -> s.partitions().stream().anyMatch(p -> is(p, partition)),
                partition + " is not a partition of a set pgdeck can read.");
    }

    private static PartitionSet find(Target target, Predicate<PartitionSet> wanted, String otherwise) {
        return new PartitionReader(target).sets().stream().filter(wanted).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(otherwise));
    }

    private static boolean is(Partition p, Relation r) {
        return p.schema().equals(r.schema()) && p.name().equals(r.name());
    }
}
