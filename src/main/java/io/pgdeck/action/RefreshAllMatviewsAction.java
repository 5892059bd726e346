package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import io.pgdeck.action.ActionPlan.Commit;

import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refreshes every materialized view in dependency order (each after the matviews it reads), one
 * statement each, each committed on its own so a view's lock is held only while it refreshes.
 */
public final class RefreshAllMatviewsAction implements Action {

    static final String TITLE = "Refresh all materialized views";

    private final List<Matview> ordered;

    public RefreshAllMatviewsAction(List<Matview> matviews) {
        if (matviews.isEmpty()) {
            throw new IllegalArgumentException("There is no materialized view to refresh.");
        }
        this.ordered = MatviewOrder.refreshOrder(matviews);
    }

    public List<Matview> order() {
        return ordered;
    }

    @Override
    public ActionPlan plan() {
        List<Matview> plain = ordered.stream().filter(m -> !m.refreshableConcurrently()).toList();
        String lock = RefreshMatviewAction.CONCURRENT_LOCK + " for "
                + (ordered.size() - plain.size()) + " view(s)"
                + (plain.isEmpty() ? "." : "; " + RefreshMatviewAction.PLAIN_LOCK + " for "
                + plain.stream().map(Matview::qualifiedName).collect(Collectors.joining(", "))
                + " (no unique index on plain columns, or not populated).");
        return new ActionPlan(TITLE + " (" + ordered.size() + ", in dependency order)",
                ordered.stream().map(RefreshMatviewAction::statement).toList(), lock,
                "Each refresh commits on its own, in this order; a failure or a cancel stops the rest, the views"
                        + " already refreshed stay refreshed.", Commit.EACH_STATEMENT);
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.MATVIEWS, Topic.TABLES);
    }
}
