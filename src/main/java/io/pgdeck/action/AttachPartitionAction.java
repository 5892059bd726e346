package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.query;

import java.util.List;
import io.pgdeck.catalog.Relation;
import org.jooq.Name;

/** Attaches an existing table as a range partition of a set. */
public final class AttachPartitionAction implements Action {

    private final Name parent;
    private final Name table;
    private final String from;
    private final String to;

    public AttachPartitionAction(Relation parent, Relation table, String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("Attaching needs both bounds: FROM and TO.");
        }
        this.parent = parent.jooqName();
        this.table = table.jooqName();
        this.from = from.trim();
        this.to = to.trim();
    }

    @Override
    public ActionPlan plan() {
        String sql = Sql.render(query("ALTER TABLE {0} ATTACH PARTITION {1} FOR VALUES FROM ({2}) TO ({3})",
                parent, table, inline(from), inline(to)));
        return new ActionPlan("Attach " + Sql.render(table) + " to " + Sql.render(parent), List.of(sql),
                PartitionLocks.ATTACH + "." + PartitionLocks.LOCK_TIMEOUT,
                "PostgreSQL refuses when the table's columns differ from the parent's or a row falls outside the"
                        + " bounds; a CHECK constraint matching the bounds spares the validating scan.", Commit.ONE_TRANSACTION);
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
