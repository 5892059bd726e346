package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.Set;

/**
 * An action with the plan it described, asked for once: this one object is what the confirm
 * dialog (or the command line's --dry-run) shows, what the runner executes and what the audit
 * line records, so nothing between confirming and running can build a different plan.
 */
public record PlannedAction(Action action, ActionPlan plan) {

    public static PlannedAction of(Action action) {
        return new PlannedAction(action, action.plan());
    }

    public String title() {
        return plan.title();
    }

    public boolean writes() {
        return action.writes();
    }

    public Set<Topic> touches() {
        return action.touches();
    }
}
