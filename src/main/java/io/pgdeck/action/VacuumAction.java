package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.select;

import io.pgdeck.catalog.RelationName;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Name;

/**
 * VACUUM of one table, optionally with ANALYZE and FREEZE, between two reads of its total size
 * so the user sees what it gave back. VACUUM refuses to run in a transaction block: autocommit.
 */
public final class VacuumAction implements Action {

    private final RelationName table;
    private final boolean analyze;
    private final boolean freeze;

    public VacuumAction(RelationName table, boolean analyze, boolean freeze) {
        this.table = table;
        this.analyze = analyze;
        this.freeze = freeze;
    }

    @Override
    public ActionPlan plan() {
        Name relation = name(table.schema(), table.name());
        List<String> options = new ArrayList<>();
        if (freeze) {
            options.add("FREEZE");
        }
        if (analyze) {
            options.add("ANALYZE");
        }
        String vacuum = Sql.render(options.isEmpty() ? query("VACUUM {0}", relation)
                : query("VACUUM (" + String.join(", ", options) + ") {0}", relation));
        String size = totalSize(relation);
        String risk = "Reads the table and its indexes and writes the pages it cleans: extra I/O while it runs."
                + " Reads and writes of the table go on; DDL, other vacuums and ANALYZE of it wait."
                + " It reclaims space for reuse but rarely shrinks the file."
                + (freeze ? " FREEZE also freezes every row now, writing nearly every page." : "");
        return new ActionPlan("Vacuum " + table + (analyze ? " with ANALYZE" : "") + (freeze ? " and FREEZE" : ""),
                List.of(size, vacuum, size), "SHARE UPDATE EXCLUSIVE on " + table, risk, Commit.NO_TRANSACTION_BLOCK);
    }

    @Override
    public String outcome(List<String> returned) {
        return SizeChange.of(returned).map(c -> "Vacuumed " + table + ": " + c.sentence() + ".")
                .orElse("Vacuumed " + table + ".");
    }

    @Override
    public ProgressSource progress() {
        return new MaintenanceProgress();
    }

    /** The size query the plan brackets the statement with; identifiers quoted by jOOQ. */
    static String totalSize(Name relation) {
        return Sql.render(select(field("pg_catalog.pg_total_relation_size({0}::regclass)", Long.class,
                inline(Sql.render(relation)))));
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.TABLES);
    }
}
