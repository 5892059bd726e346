package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.select;

import java.util.List;
import org.jooq.Name;

/** REINDEX TABLE CONCURRENTLY: every index of one table, one after the other, without blocking writes. */
public final class ReindexTableAction implements Action {

    private final Name table;

    public ReindexTableAction(Name table) {
        this.table = table;
    }

    @Override
    public ActionPlan plan() {
        String size = Sql.render(select(field("pg_catalog.pg_indexes_size({0}::regclass)", Long.class,
                inline(Sql.render(table)))));
        return new ActionPlan("Reindex every index of " + Sql.render(table),
                List.of(size, Sql.render(query("REINDEX TABLE CONCURRENTLY {0}", table)), size),
                "SHARE UPDATE EXCLUSIVE on the table (writes go on); a brief ACCESS EXCLUSIVE on each index at its swap",
                "Builds a second copy of every index (needs their size again in free disk space). If it fails or is"
                        + " cancelled, invalid copies named …_ccnew stay behind and must be dropped.", Commit.NO_TRANSACTION_BLOCK);
    }

    @Override
    public String outcome(List<String> returned) {
        return "Reindexed every index: " + SizeChange.of(returned).map(SizeChange::sentence).orElse("size unknown") + " in all.";
    }

    @Override
    public ProgressSource progress() {
        return new CreateIndexProgress();
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.INDEXES);
    }
}
