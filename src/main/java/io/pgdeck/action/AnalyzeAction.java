package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import io.pgdeck.catalog.RelationName;
import java.util.List;
import org.jooq.Name;

/** ANALYZE of one table: fresh planner statistics, and fresh bloat estimates with them. */
public final class AnalyzeAction implements Action {

    private final RelationName table;

    public AnalyzeAction(RelationName table) {
        this.table = table;
    }

    @Override
    public ActionPlan plan() {
        Name relation = name(table.schema(), table.name());
        String size = VacuumAction.totalSize(relation);
        return new ActionPlan("Analyze " + table, List.of(size, Sql.render(query("ANALYZE {0}", relation)), size),
                "SHARE UPDATE EXCLUSIVE on " + table,
                "Reads a sample of the table (up to 300 × default_statistics_target rows). Reads and writes go on;"
                        + " DDL, vacuums and other ANALYZE of the table wait. Plans of queries on it may change.",
                Commit.ONE_TRANSACTION);
    }

    @Override
    public String outcome(List<String> returned) {
        return SizeChange.of(returned).map(c -> "Analyzed " + table + ": " + c.sentence() + ".")
                .orElse("Analyzed " + table + ".");
    }

    @Override
    public ProgressSource progress() {
        return new MaintenanceProgress();
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.TABLES);
    }
}
