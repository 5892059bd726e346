package io.pgdeck.queue;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Steps;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.Topic;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;

/**
 * The one way queue actions are built from {@code action}'s primitives: a library's
 * {@link JobChange} on the selected jobs, or on every job a filter matches in batches, each
 * committed on its own so no lock is held long; and a switch on a queue (pause, resume).
 */
public final class JobActions {

    public static final int BATCH = 1_000;
    private static final String JOB_LOCK = "ROW EXCLUSIVE on the job table; row locks on the changed jobs, one batch at a time";

    private final String installation;

    /** @param installation the library and where it lives, as titles name it: "River (public)" */
    public JobActions(String installation) {
        this.installation = installation;
    }

    /** The change on the given jobs (already typed as the table's ids), in one statement. */
    public Action selected(JobChange change, Condition ids, long asked) {
        return action(change.verb() + " " + jobs(asked) + " in " + installation,
                List.of(change.statement().changing(change.eligible().and(ids), JobStatement.ALL)), change);
    }

    /** The change on every job the filter matches, in batches. */
    public Action matching(JobChange change, Condition filter, long matching) {
        return action(change.verb() + " " + jobs(matching) + " matching the filter in " + installation,
                batches(change.statement(), change.eligible().and(filter), matching), change);
    }

    /**
     * Enough batch statements for {@code matching} rows (one more for rows that became eligible
     * since they were counted), each changing at most {@link #BATCH} rows.
     */
    public static List<String> batches(JobStatement statement, Condition which, long matching) {
        String one = statement.changing(which, BATCH);
        List<String> statements = new ArrayList<>();
        for (long i = 0; i < Math.max(1, (matching + BATCH - 1) / BATCH + 1); i++) {
            statements.add(one);
        }
        return statements;
    }

    /** Statements of the library's own making on jobs (pgmq's, one per queue table), committed one by one. */
    public static Action onJobs(String title, List<String> statements, String lock, String risk, Outcome outcome) {
        return new QueueAction(new ActionPlan(title, statements, lock, risk, ActionPlan.Commit.EACH_STATEMENT), outcome,
                null);
    }

    /** A switch on one queue's row (pause, resume). */
    public static Action onQueue(String title, String statement, String lock, String risk, Outcome outcome) {
        return new QueueAction(ActionPlan.single(title, statement, lock, risk), outcome, null);
    }

    /** An action whose plan's statements run elsewhere than the target's PostgreSQL (BullMQ's Redis), one step each. */
    public static Action inSteps(ActionPlan plan, Steps steps, Outcome outcome) {
        return new QueueAction(plan, outcome, steps);
    }

    private static Action action(String title, List<String> statements, JobChange change) {
        return onJobs(title, statements, JOB_LOCK, change.risk(), change.outcome());
    }

    static String jobs(long n) {
        return Formats.count(n) + (n == 1 ? " job" : " jobs");
    }

    /** A queue action changes job queues only: after it, only the queue feeds read again. */
    private record QueueAction(ActionPlan plan, Outcome result, Steps elsewhere) implements Action {

        @Override
        public Optional<Steps> steps() {
            return Optional.ofNullable(elsewhere);
        }

        @Override
        public String outcome(List<String> returned) {
            return result.of(returned);
        }

        @Override
        public Set<Topic> touches() {
            return EnumSet.of(Topic.QUEUES);
        }
    }
}
