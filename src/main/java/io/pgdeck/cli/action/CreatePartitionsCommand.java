package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.CreatePartitionsAction;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.PartitionPlanner;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.Target;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create-partitions", sortOptions = false,
        description = "Creates the next partitions of a range set by its interval (or those filling its gaps),"
                + " all in one transaction.")
final class CreatePartitionsCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "PARENT", description = "The partitioned table.")
    String name;

    @Option(names = "--next", paramLabel = "N", defaultValue = "3",
            description = "How many partitions ahead of the newest. Default: ${DEFAULT-VALUE}.")
    int next;

    @Option(names = "--gaps", description = "Instead, the partitions missing between existing ones.")
    boolean gaps;

    @Override
    Action action(Target target) {
        if (next < 1) {
            throw new IllegalArgumentException("--next counts partitions to create: 1 or more.");
        }
        Relation parent = new RelationLookup(target.db()).find(argument(name, "partitioned table"),
                RelationLookup.Kind.TABLE);
        PartitionSet set = PartitionSets.withParent(target, parent);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<NewPartition> planned = gaps ? PartitionPlanner.gaps(set, now) : PartitionPlanner.next(set, next, now);
        if (planned.isEmpty()) {
            throw new IllegalArgumentException(parent + (gaps ? " has no gap to fill."
                    : " has no regular time interval to plan the next partitions by."));
        }
        return new CreatePartitionsAction(parent, planned, set.defaultPartition().isPresent());
    }
}
