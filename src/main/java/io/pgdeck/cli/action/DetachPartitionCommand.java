package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.DetachPartitionAction;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "detach-partition", sortOptions = false,
        description = "Detaches a partition from its set, CONCURRENTLY where PostgreSQL allows it (14+, no DEFAULT"
                + " partition); the table stays, with its rows.")
final class DetachPartitionCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "PARTITION", description = "The partition.")
    String name;

    @Override
    Action action(Target target) {
        Relation partition = new RelationLookup(target.db()).find(argument(name, "partition"),
                RelationLookup.Kind.TABLE);
        PartitionSet set = PartitionSets.holding(target, partition);
        return DetachPartitionAction.of(new Relation(set.schema(), set.name()), partition, target.version(),
                set.defaultPartition().isPresent());
    }
}
