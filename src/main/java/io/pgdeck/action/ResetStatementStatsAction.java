package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import java.util.List;

/**
 * pg_stat_statements_reset(): every entry's counters go back to zero, for every database and
 * role. pgdeck never needs it (its rates come from deltas), so it is only ever the user's choice.
 */
public final class ResetStatementStatsAction implements Action {

    @Override
    public ActionPlan plan() {
        String sql = Sql.render(select(field("pg_stat_statements_reset()")));
        return ActionPlan.single("Reset pg_stat_statements", sql, "none",
                "All statement statistics of this server are discarded, for every database and role. Other tools"
                        + " that read pg_stat_statements (monitoring agents, reports comparing snapshots) lose their"
                        + " baseline too. Needs superuser unless EXECUTE on the function was granted.");
    }

    @Override
    public String outcome(List<String> returned) {
        return "Statement statistics reset; rates start again from the next read.";
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.STATEMENTS);
    }
}
