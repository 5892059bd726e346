package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.query;

import io.pgdeck.connect.ServerVersion;
import java.util.List;
import io.pgdeck.catalog.Relation;
import org.jooq.Name;

/**
 * Detaches a partition: CONCURRENTLY on PostgreSQL 14+ when the set has no DEFAULT partition
 * (PostgreSQL forbids it otherwise), which cannot run in a transaction block; plain otherwise.
 */
public final class DetachPartitionAction implements Action {

    private final Name parent;
    private final Name partition;
    private final boolean concurrently;

    private DetachPartitionAction(Relation parent, Relation partition, boolean concurrently) {
        this.parent = parent.jooqName();
        this.partition = partition.jooqName();
        this.concurrently = concurrently;
    }

    /** Concurrently whenever PostgreSQL allows it. */
    public static DetachPartitionAction of(Relation parent, Relation partition, ServerVersion version, boolean setHasDefault) {
        return new DetachPartitionAction(parent, partition, concurrentlyAllowed(version, setHasDefault));
    }

    /** The one place this rule lives: retention detaches the same way. */
    static boolean concurrentlyAllowed(ServerVersion version, boolean setHasDefault) {
        return version.atLeast(14) && !setHasDefault;
    }

    static String statement(Name parent, Name partition, boolean concurrently) {
        return Sql.render(query(concurrently ? "ALTER TABLE {0} DETACH PARTITION {1} CONCURRENTLY"
                : "ALTER TABLE {0} DETACH PARTITION {1}", parent, partition));
    }

    static String lock(boolean concurrently) {
        return concurrently ? PartitionLocks.DETACH_CONCURRENTLY
                : PartitionLocks.DETACH + " (CONCURRENTLY needs PostgreSQL 14+ and a set without DEFAULT partition)";
    }

    @Override
    public ActionPlan plan() {
        return new ActionPlan("Detach " + Sql.render(partition) + " from " + Sql.render(parent),
                List.of(statement(parent, partition, concurrently)), lock(concurrently) + "." + PartitionLocks.LOCK_TIMEOUT,
                "The table stays, with its rows, as a standalone table; queries on the set no longer see them."
                        + (concurrently ? " If interrupted, the partition is left 'detach pending': FINALIZE it." : ""),
                concurrently ? Commit.NO_TRANSACTION_BLOCK : Commit.ONE_TRANSACTION);
    }

    public boolean concurrently() {
        return concurrently;
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
