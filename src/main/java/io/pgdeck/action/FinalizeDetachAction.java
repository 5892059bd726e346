package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import static org.jooq.impl.DSL.query;

import io.pgdeck.catalog.Relation;
import org.jooq.Name;

/** Completes a DETACH ... CONCURRENTLY that was interrupted (pg_inherits.inhdetachpending, PostgreSQL 14+). */
public final class FinalizeDetachAction implements Action {

    private final Name parent;
    private final Name partition;

    public FinalizeDetachAction(Relation parent, Relation partition) {
        this.parent = parent.jooqName();
        this.partition = partition.jooqName();
    }

    @Override
    public ActionPlan plan() {
        return ActionPlan.single("Finalize the detach of " + Sql.render(partition),
                Sql.render(query("ALTER TABLE {0} DETACH PARTITION {1} FINALIZE", parent, partition)),
                PartitionLocks.DETACH_CONCURRENTLY + "." + PartitionLocks.LOCK_TIMEOUT,
                "Waits for queries that still use the partition, then removes it from the set.");
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
