package io.pgdeck.queue;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import java.util.List;

/**
 * An action on jobs: statements each returning how many rows they changed, run one transaction
 * per statement so a large retry, in batches, never holds its row locks long.
 */
public final class JobsAction implements Action {

    private final ActionPlan plan;
    private final String changed;
    private final String noun;

    /**
     * @param changed what happened to the rows, completing "N jobs ..." ("moved back to available")
     */
    public JobsAction(String title, List<String> statements, String risk, String changed) {
        this(title, statements, "ROW EXCLUSIVE on the job table; row locks on the changed jobs, one batch at a time",
                risk, changed, "job");
    }

    private JobsAction(String title, List<String> statements, String lock, String risk, String changed, String noun) {
        this.plan = new ActionPlan(title, statements, lock, risk, ActionPlan.Commit.EACH_STATEMENT);
        this.changed = changed;
        this.noun = noun;
    }

    /** An action on a queue's own row (pause, resume): the outcome counts queues, not jobs. */
    public static JobsAction onQueue(String title, String statement, String risk, String changed) {
        return new JobsAction(title, List.of(statement), "ROW EXCLUSIVE on the queue table; a row lock on the queue",
                risk, changed, "queue");
    }

    @Override
    public ActionPlan plan() {
        return plan;
    }

    @Override
    public String outcome(List<String> returned) {
        long n = returned.stream().filter(s -> s != null && !s.isBlank()).mapToLong(Long::parseLong).sum();
        return n == 0 ? "No " + noun + " changed: none was in a state this applies to (already done, or changed meanwhile)."
                : String.format("%,d %s %s.", n, n == 1 ? noun : noun + "s", changed);
    }

    @Override
    public java.util.Set<io.pgdeck.catalog.Topic> touches() {
        return java.util.EnumSet.of(io.pgdeck.catalog.Topic.QUEUES);
    }
}
