package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import static org.jooq.impl.DSL.query;

import io.pgdeck.catalog.Matview;
import java.util.List;
import org.jooq.Name;
import org.jooq.impl.DSL;

/** REFRESH MATERIALIZED VIEW, CONCURRENTLY when a unique index allows it. */
public final class RefreshMatviewAction implements Action {

    static final String TITLE = "Refresh materialized view ";
    static final String CONCURRENT_LOCK = "REFRESH ... CONCURRENTLY takes an EXCLUSIVE lock: readers go on reading"
            + " the old contents, writes to the view (there are none) and other refreshes wait";
    static final String PLAIN_LOCK = "REFRESH without CONCURRENTLY takes an ACCESS EXCLUSIVE lock: every query"
            + " reading the view waits until the refresh ends";

    private final Matview matview;

    public RefreshMatviewAction(Matview matview) {
        this.matview = matview;
    }

    static String statement(Matview m) {
        Name view = DSL.name(m.schema(), m.name());
        return Sql.render(query(m.refreshableConcurrently() ? "REFRESH MATERIALIZED VIEW CONCURRENTLY {0}"
                : "REFRESH MATERIALIZED VIEW {0}", view));
    }

    static String lockOf(Matview m) {
        return m.refreshableConcurrently() ? CONCURRENT_LOCK : PLAIN_LOCK + " (" + whyNotConcurrently(m) + ")";
    }

    static String whyNotConcurrently(Matview m) {
        return !m.populated() ? "CONCURRENTLY needs a populated view"
                : "CONCURRENTLY needs a unique index on plain columns without WHERE";
    }

    @Override
    public ActionPlan plan() {
        return new ActionPlan(TITLE + m().qualifiedName(), List.of(statement(m())), lockOf(m()) + ".",
                "Runs the view's query in full; it may take as long as that query does. Cancel stops it and keeps"
                        + " the old contents.", Commit.ONE_TRANSACTION);
    }

    private Matview m() {
        return matview;
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.MATVIEWS, Topic.TABLES);
    }
}
