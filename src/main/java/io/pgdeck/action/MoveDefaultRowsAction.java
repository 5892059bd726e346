package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import io.pgdeck.catalog.NewPartition;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import io.pgdeck.catalog.Relation;
import org.jooq.Name;

/**
 * Creates a partition whose range the DEFAULT partition holds rows of, which PostgreSQL refuses
 * as a plain CREATE ... PARTITION OF: in one transaction, create the table standalone, move the
 * rows out of the DEFAULT partition into it, attach it.
 */
public final class MoveDefaultRowsAction implements Action {

    private final Name parent;
    private final Name defaultPartition;
    private final String keyColumn;
    private final List<NewPartition> partitions;
    private final long rows;

    /** @param rows how many rows will move, as counted before asking */
    public MoveDefaultRowsAction(Relation parent, Relation defaultPartition, String keyColumn, List<NewPartition> partitions,
                                 long rows) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("no partition to move rows into");
        }
        this.parent = parent.jooqName();
        this.defaultPartition = defaultPartition.jooqName();
        this.keyColumn = keyColumn;
        this.partitions = List.copyOf(partitions);
        this.rows = rows;
    }

    @Override
    public ActionPlan plan() {
        List<String> statements = new ArrayList<>();
        Field<Object> key = field(name(keyColumn));
        for (NewPartition p : partitions) {
            Name table = name(p.schema(), p.name());
            statements.add(Sql.render(query("CREATE TABLE {0} (LIKE {1} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                    table, parent)));
            statements.add(Sql.render(query("WITH moved AS (DELETE FROM {0} WHERE {1} >= {2} AND {1} < {3} RETURNING *)"
                            + " INSERT INTO {4} SELECT * FROM moved",
                    defaultPartition, key, inline(p.from()), inline(p.to()), table)));
            statements.add(Sql.render(query("ALTER TABLE {0} ATTACH PARTITION {1} FOR VALUES FROM ({2}) TO ({3})",
                    parent, table, inline(p.from()), inline(p.to()))));
        }
        return new ActionPlan("Move " + rows + " rows out of " + Sql.render(defaultPartition) + " into "
                + partitions.stream().map(NewPartition::name).reduce((a, b) -> a + ", " + b).orElseThrow(),
                statements,
                "The DELETE holds a ROW EXCLUSIVE lock on the DEFAULT partition; ATTACH takes a SHARE UPDATE EXCLUSIVE"
                        + " lock on the parent and an ACCESS EXCLUSIVE lock on the DEFAULT partition, which it scans, so"
                        + " writes that would land in the DEFAULT partition wait until the transaction commits."
                        + PartitionLocks.LOCK_TIMEOUT,
                "One transaction: the rows are either all in the new partition or all still in the DEFAULT one."
                        + " Rows written to the DEFAULT partition meanwhile in the same range make ATTACH fail and"
                        + " everything roll back.", Commit.ONE_TRANSACTION);
    }

    @Override
    public String outcome(List<String> returned) {
        return "Moved the DEFAULT partition's rows into " + partitions.size() + " new partition(s).";
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
