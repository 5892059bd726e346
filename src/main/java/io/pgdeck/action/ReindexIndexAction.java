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

/**
 * REINDEX INDEX CONCURRENTLY: rebuilds a bloated or invalid index without blocking writes. It
 * cannot run in a transaction block, so it runs in autocommit; a failure or cancel leaves an
 * invalid {@code _ccnew} copy behind, which the index screen then shows with a drop button.
 */
public final class ReindexIndexAction implements Action {

    private final Name index;

    public ReindexIndexAction(Name index) {
        this.index = index;
    }

    @Override
    public ActionPlan plan() {
        String size = Sql.render(select(field("pg_catalog.pg_relation_size({0}::regclass)", Long.class,
                inline(Sql.render(index)))));
        return new ActionPlan("Reindex " + Sql.render(index),
                List.of(size, Sql.render(query("REINDEX INDEX CONCURRENTLY {0}", index)), size),
                "SHARE UPDATE EXCLUSIVE on the table (writes go on); a brief ACCESS EXCLUSIVE on the index at the swap",
                "Builds a second copy of the index (needs its size again in free disk space) and waits for every"
                        + " transaction older than the build, under lock_timeout: a long transaction makes it fail."
                        + " If it fails or is cancelled, an invalid copy named …_ccnew stays behind: pgdeck then"
                        + " shows it with a button to drop it.", Commit.NO_TRANSACTION_BLOCK);
    }

    @Override
    public String outcome(List<String> returned) {
        return "Reindexed: " + SizeChange.of(returned).map(SizeChange::sentence).orElse("size unknown") + ".";
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
