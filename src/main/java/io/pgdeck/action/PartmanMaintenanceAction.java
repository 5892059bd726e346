package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import org.jooq.Name;

/** pg_partman's run_maintenance for one parent: premakes partitions ahead and applies its retention. */
public final class PartmanMaintenanceAction implements Action {

    private final String partmanSchema;
    private final String parentTable;

    /** @param parentTable as part_config names it, "schema.table" */
    public PartmanMaintenanceAction(String partmanSchema, String parentTable) {
        this.partmanSchema = partmanSchema;
        this.parentTable = parentTable;
    }

    @Override
    public ActionPlan plan() {
        Name function = name(partmanSchema, "run_maintenance");
        return ActionPlan.single("pg_partman maintenance of " + parentTable,
                Sql.render(select(field("{0}({1})", Object.class, function, inline(parentTable)))),
                "As the statements pg_partman runs: CREATE ... PARTITION OF (ACCESS EXCLUSIVE on the parent) and, with"
                        + " a retention, DETACH (ACCESS EXCLUSIVE)." + PartitionLocks.LOCK_TIMEOUT,
                "Creates the partitions premake asks for and drops or detaches those past retention, as configured"
                        + " in part_config.");
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.PARTITIONS, Topic.TABLES, Topic.INDEXES);
    }
}
