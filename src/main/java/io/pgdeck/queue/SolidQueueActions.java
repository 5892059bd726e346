package io.pgdeck.queue;

import static io.pgdeck.queue.LibraryJobs.NOW_UTC;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Sql;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Solid Queue's own actions as statements. Retry is {@code FailedExecution#retry}: the failed
 * execution is deleted and the job prepared for execution again (a ready execution with the
 * job's queue and priority, or a scheduled one when its scheduled_at is ahead), both in one
 * statement so no job is ever in neither or both. Discard is {@code Job#discard}: the job is
 * deleted with its execution unless a worker has claimed it. Pause is a solid_queue_pauses row.
 */
final class SolidQueueActions {

    static final int BATCH = JobUpdates.BATCH;

    private final String schema;
    private final SolidQueueAdapter adapter;

    SolidQueueActions(String schema, SolidQueueAdapter adapter) {
        this.schema = schema;
        this.adapter = adapter;
    }

    private static final String RETRY_RISK = "Each failed job's failed execution is deleted and a ready execution"
            + " inserted with the job's queue and priority (a scheduled one if its scheduled_at is ahead), in one"
            + " statement: workers pick the jobs up at once. The error text goes with the failed execution."
            + " Concurrency limits are not re-checked: a limited job runs even if its semaphore is taken."
            + " Jobs that are not failed are not touched.";

    Action retry(List<String> ids) {
        String statement = move(DSL.trueCondition(), LibraryJobs.longIds(ids), Integer.MAX_VALUE);
        return new JobsAction("Retry " + ids.size() + " failed Solid Queue " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(statement), RETRY_RISK, "moved from failed to ready");
    }

    Action retryMatching(Condition filter, long matching) {
        String one = move(filter, null, BATCH);
        List<String> statements = new ArrayList<>();
        for (long i = 0; i < Math.max(1, (matching + BATCH - 1) / BATCH + 1); i++) {
            statements.add(one);
        }
        return new JobsAction(String.format("Retry %,d failed Solid Queue jobs", matching), statements, RETRY_RISK,
                "moved from failed to ready");
    }

    /** One statement moving up to {@code limit} failed jobs back to ready (or scheduled). */
    private String move(Condition filter, List<Long> ids, int limit) {
        Table<?> failed = adapter.executions("failed");
        Field<Long> failedJob = adapter.jobIdOf("failed");
        Field<Long> id = adapter.id();
        Condition jobs = adapter.col("finished_at", LocalDateTime.class).isNull().and(filter)
                .and(ids == null ? DSL.trueCondition() : id.in(ids));
        var picked = select(failedJob).from(failed).where(failedJob.in(select(id).from(adapter.jobsTable()).where(jobs)))
                .orderBy(failedJob);
        var locked = (limit == Integer.MAX_VALUE ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked();
        var delete = DSL.deleteFrom(failed).where(failedJob.in(locked)).returning(failedJob);

        Table<?> moved = table(name("moved"));
        Field<Long> movedJob = field(name("moved", "job_id"), Long.class);
        Field<LocalDateTime> scheduledAt = adapter.col("scheduled_at", LocalDateTime.class);
        Condition due = scheduledAt.isNull().or(scheduledAt.le(NOW_UTC));
        var ready = DSL.insertInto(adapter.executions("ready"), field(name("job_id"), Long.class),
                        field(name("queue_name"), String.class), field(name("priority"), Integer.class),
                        field(name("created_at"), LocalDateTime.class))
                .select(select(id, adapter.col("queue_name", String.class), adapter.col("priority", Integer.class), NOW_UTC)
                        .from(adapter.jobsTable()).join(moved).on(id.eq(movedJob)).where(due))
                .onConflict(field(name("job_id"))).doNothing()
                .returning(adapter.jobIdOf("ready"));
        var scheduled = DSL.insertInto(adapter.executions("scheduled"), field(name("job_id"), Long.class),
                        field(name("queue_name"), String.class), field(name("priority"), Integer.class),
                        field(name("scheduled_at"), LocalDateTime.class), field(name("created_at"), LocalDateTime.class))
                .select(select(id, adapter.col("queue_name", String.class), adapter.col("priority", Integer.class), scheduledAt,
                        NOW_UTC).from(adapter.jobsTable()).join(moved).on(id.eq(movedJob)).where(DSL.not(due)))
                .onConflict(field(name("job_id"))).doNothing()
                .returning(adapter.jobIdOf("scheduled"));
        return "WITH moved AS (" + Sql.render(delete) + "), readied AS (" + Sql.render(ready) + "), rescheduled AS ("
                + Sql.render(scheduled) + ") SELECT (SELECT count(*) FROM readied) + (SELECT count(*) FROM rescheduled)";
    }

    /** Only jobs waiting (ready, scheduled, blocked): Solid Queue never discards a claimed job. */
    Action discard(List<String> ids) {
        Field<Long> id = adapter.id();
        Condition eligible = id.in(LibraryJobs.longIds(ids))
                .and(adapter.col("finished_at", LocalDateTime.class).isNull())
                .and(adapter.has("ready").or(adapter.has("scheduled")).or(adapter.has("blocked")))
                .and(DSL.not(adapter.has("claimed")));
        String delete = "WITH changed AS (" + Sql.render(DSL.deleteFrom(adapter.jobsTable()).where(eligible).returning(id))
                + ") SELECT count(*) FROM changed";
        return new JobsAction("Discard " + ids.size() + " Solid Queue " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(delete), "Waiting jobs (ready, scheduled, blocked) are deleted with their execution, as Solid"
                        + " Queue's discard does: they never run and cannot be retried. Claimed, failed and finished jobs"
                        + " are not touched.", "discarded (deleted)");
    }

    private Table<?> pauses() {
        return table(name(schema, "solid_queue_pauses"));
    }

    private Field<String> pausedQueue() {
        return field(name(schema, "solid_queue_pauses", "queue_name"), String.class);
    }

    Action pause(String queue) {
        var insert = DSL.insertInto(pauses(), field(name("queue_name"), String.class), field(name("created_at"), LocalDateTime.class))
                .values(inline(queue), NOW_UTC)
                .onConflict(field(name("queue_name"))).doNothing()
                .returning(pausedQueue());
        return new LibraryAction(new ActionPlan("Pause Solid Queue queue " + queue, List.of(Sql.render(insert)),
                "ROW EXCLUSIVE on solid_queue_pauses", "Workers stop polling " + queue
                        + "; jobs already claimed finish, new jobs wait as ready.", ActionPlan.Commit.ONE_TRANSACTION),
                returned -> returned.isEmpty() ? "Queue " + queue + " was already paused." : "Queue " + queue + " paused.");
    }

    Action resume(String queue) {
        var delete = DSL.deleteFrom(pauses()).where(pausedQueue().eq(inline(queue))).returning(pausedQueue());
        return new LibraryAction(new ActionPlan("Resume Solid Queue queue " + queue, List.of(Sql.render(delete)),
                "ROW EXCLUSIVE on solid_queue_pauses", "Workers poll " + queue + " again.", ActionPlan.Commit.ONE_TRANSACTION),
                returned -> returned.isEmpty() ? "Queue " + queue + " was not paused." : "Queue " + queue + " resumed.");
    }
}
