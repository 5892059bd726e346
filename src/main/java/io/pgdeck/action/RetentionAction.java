package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.query;

import java.util.ArrayList;
import java.util.List;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.ServerVersion;
import org.jooq.Name;

/** Retention: detaches the partitions older than a cutoff and, if asked, drops them; never all of a set. */
public final class RetentionAction implements Action {

    private final Name parent;
    private final List<Name> partitions;
    private final int partitionsInSet;
    private final boolean drop;
    private final boolean concurrently;

    /** @param partitionsInSet the set's partitions other than DEFAULT, to refuse removing every one */
    /** Detaches CONCURRENTLY when PostgreSQL allows it, as {@link DetachPartitionAction} does. */
    public RetentionAction(Relation parent, List<Relation> partitions, int partitionsInSet, boolean drop,
                           ServerVersion version, boolean setHasDefault) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("No partition of " + parent + " is older than the cutoff.");
        }
        if (partitions.size() >= partitionsInSet) {
            throw new IllegalArgumentException("Retention never removes the last partition of a set: keep at least one of "
                    + parent + ".");
        }
        this.parent = parent.jooqName();
        this.partitions = partitions.stream().map(Relation::jooqName).toList();
        this.partitionsInSet = partitionsInSet;
        this.drop = drop;
        this.concurrently = DetachPartitionAction.concurrentlyAllowed(version, setHasDefault);
    }

    @Override
    public ActionPlan plan() {
        List<String> statements = new ArrayList<>();
        partitions.forEach(p -> statements.add(DetachPartitionAction.statement(parent, p, concurrently)));
        if (drop) {
            partitions.forEach(p -> statements.add(Sql.render(query("DROP TABLE {0}", p))));
        }
        return new ActionPlan((drop ? "Detach and drop " : "Detach ") + partitions.size() + " of " + partitionsInSet
                + " partitions of " + Sql.render(parent), statements,
                DetachPartitionAction.lock(concurrently) + (drop ? "; DROP TABLE takes an ACCESS EXCLUSIVE lock on the"
                        + " detached table only" : "") + "." + PartitionLocks.LOCK_TIMEOUT,
                (drop ? "The rows of the dropped partitions are gone for good: have a backup."
                        : "The detached tables stay as standalone tables.")
                        + " Each statement commits on its own: after a failure, those before it are done.",
                concurrently ? Commit.NO_TRANSACTION_BLOCK : Commit.EACH_STATEMENT);
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
