package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import io.pgdeck.catalog.NewPartition;
import java.util.List;
import io.pgdeck.catalog.Relation;
import org.jooq.Name;

/** Creates missing partitions of a range set (the next N, or those filling gaps), all or none. */
public final class CreatePartitionsAction implements Action {

    private final Name parent;
    private final List<NewPartition> partitions;
    private final boolean hasDefault;

    public CreatePartitionsAction(Relation parent, List<NewPartition> partitions, boolean hasDefault) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("no partition to create for " + parent);
        }
        this.parent = parent.jooqName();
        this.partitions = List.copyOf(partitions);
        this.hasDefault = hasDefault;
    }

    static String create(Name parent, NewPartition p) {
        return Sql.render(query("CREATE TABLE {0} PARTITION OF {1} FOR VALUES FROM ({2}) TO ({3})",
                name(p.schema(), p.name()), parent, inline(p.from()), inline(p.to())));
    }

    @Override
    public ActionPlan plan() {
        List<String> statements = partitions.stream().map(p -> create(parent, p)).toList();
        String names = partitions.size() == 1 ? partitions.get(0).name()
                : partitions.size() + " partitions (" + partitions.get(0).name() + " … "
                + partitions.get(partitions.size() - 1).name() + ")";
        return new ActionPlan("Create " + names + " of " + Sql.render(parent), statements,
                (hasDefault ? PartitionLocks.CREATE_WITH_DEFAULT : PartitionLocks.CREATE) + "." + PartitionLocks.LOCK_TIMEOUT,
                "One transaction: if one partition cannot be created (its name exists, a DEFAULT row falls in its range),"
                        + " none is.", Commit.ONE_TRANSACTION);
    }

    @Override
    public String outcome(List<String> returned) {
        return partitions.size() == 1 ? "Created " + partitions.get(0).name() + "."
                : "Created " + partitions.size() + " partitions.";
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
