package io.pgdeck.ui.queues;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ProgressSource;
import io.pgdeck.catalog.Topic;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.JobOperation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A queue action whose confirmation first says how many of the jobs asked about will move, when
 * some will not: "Retry 40 of the 52 jobs matching (12 are not in a state a retry applies to)".
 * Everything else (statements, lock, risk, outcome) is the library's action unchanged.
 */
record CountedAction(Action action, String title) implements Action {

    /** The action as it is when every job asked about moves, else with the title that says which do not. */
    static Action of(Action action, JobOperation operation, Count moving, Count asked, String which) {
        if (moving.value() >= asked.value()) {
            return action;
        }
        long left = asked.value() - moving.value();
        return new CountedAction(action, verb(operation) + " " + moving + " of the " + asked + " jobs " + which + " ("
                + left + (left == 1 ? " is" : " are") + " not in a state " + article(operation) + " applies to)");
    }

    /** "None of the 52 jobs matching is in a state a retry applies to." */
    static String none(JobOperation operation, Count asked, String which) {
        return "None of the " + asked + " jobs " + which + " is in a state " + article(operation) + " applies to.";
    }

    static String verb(JobOperation operation) {
        String name = operation.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String article(JobOperation operation) {
        return "a " + operation.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ActionPlan plan() {
        ActionPlan p = action.plan();
        return new ActionPlan(title, p.statements(), p.lock(), p.risk(), p.commit());
    }

    @Override
    public String outcome(List<String> returned) {
        return action.outcome(returned);
    }

    @Override
    public boolean writes() {
        return action.writes();
    }

    @Override
    public Set<Topic> touches() {
        return action.touches();
    }

    @Override
    public ProgressSource progress() {
        return action.progress();
    }
}
