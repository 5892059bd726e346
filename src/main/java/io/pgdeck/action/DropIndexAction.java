package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.select;

import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexDefinition;
import java.util.List;

/**
 * DROP INDEX CONCURRENTLY of an unused, duplicate, redundant or invalid index. The confirmation
 * shows its definition so it can be recreated. Refused for an index a constraint needs: dropping
 * that is dropping the constraint, a decision this button does not make.
 */
public final class DropIndexAction implements Action {

    private final IndexDefinition index;

    public DropIndexAction(IndexDefinition index) {
        if (index.backsConstraint()) {
            throw new IllegalArgumentException("pgdeck does not drop " + index.displayName() + ": constraint "
                    + index.constraint() + " needs it. Drop or change the constraint instead, if that is what you mean.");
        }
        this.index = index;
    }

    @Override
    public ActionPlan plan() {
        String size = Sql.render(select(field("pg_catalog.pg_relation_size({0}::regclass)", Long.class,
                inline(Sql.render(index.qualifiedName())))));
        return new ActionPlan("Drop index " + Sql.render(index.qualifiedName()),
                List.of(size, Sql.render(query("DROP INDEX CONCURRENTLY {0}", index.qualifiedName()))),
                "SHARE UPDATE EXCLUSIVE on the table (reads and writes go on), then a brief ACCESS EXCLUSIVE on the index",
                whatQueriesLose() + (index.lockedWhenRead()
                        ? "Its definition was not read (its table was locked): note it before dropping."
                        : "To recreate it: " + index.definition() + ";"), Commit.NO_TRANSACTION_BLOCK);
    }

    /** An invalid index (a failed CONCURRENTLY build's leftover, `_ccnew`) serves no query: nothing falls back. */
    private String whatQueriesLose() {
        if (index.valid()) {
            return "Queries that used this index fall back to other plans. ";
        }
        return "No query uses an invalid index (what a failed CONCURRENTLY build left), so dropping it changes no plan"
                + (index.ready() ? "; every write still updates it until it is gone. " : ". ");
    }

    @Override
    public String outcome(List<String> returned) {
        Long before = returned.isEmpty() || returned.get(0) == null ? null : Long.valueOf(returned.get(0));
        return "Dropped: " + Formats.bytes(before) + " freed.";
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.INDEXES);
    }
}
