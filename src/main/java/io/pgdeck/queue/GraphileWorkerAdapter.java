package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Sql;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Graphile Worker (Node.js, v0.14 and later): {@code _private_jobs} with {@code _private_tasks}
 * and {@code _private_job_queues}. There is no state column: a job is locked (running), has
 * attempts left (retrying) or none (failed), and is deleted when it succeeds, so nobody can count
 * finished jobs. Changes go through Graphile's own functions, which skip locked jobs:
 * {@code reschedule_jobs(..., attempts := 0)} to retry, {@code permanently_fail_jobs} to cancel.
 */
public final class GraphileWorkerAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Graphile Worker";
    /** Jobs with no named queue run in parallel; the screen lists them as one queue. */
    public static final String NO_QUEUE = "(no queue)";
    static final String CANCEL_MESSAGE = "Cancelled with pgdeck";

    private final Table<?> jobs;
    private final Table<?> queueTable;

    public GraphileWorkerAdapter(String schema) {
        super(LIBRARY, schema, describe(schema), columns(schema));
        this.jobs = jobs(schema);
        this.queueTable = queues(schema);
    }

    /** Every schema with Graphile Worker's private tables and its reschedule_jobs function. */
    public static List<GraphileWorkerAdapter> detect(DSLContext db) {
        List<String> tasks = QueueCatalog.schemasWithTable(db, "_private_tasks", "id", "identifier");
        return QueueCatalog.schemasWithTable(db, "_private_jobs", "id", "job_queue_id", "task_id", "payload", "run_at",
                        "attempts", "max_attempts", "last_error", "locked_at").stream()
                .filter(s -> tasks.contains(s) && QueueCatalog.hasFunction(db, s, "reschedule_jobs"))
                .map(GraphileWorkerAdapter::new)
                .toList();
    }

    private static Table<?> jobs(String schema) {
        return table(name(schema, "_private_jobs"));
    }

    private static Table<?> tasks(String schema) {
        return table(name(schema, "_private_tasks"));
    }

    private static Table<?> queues(String schema) {
        return table(name(schema, "_private_job_queues"));
    }

    /** The jobs with their task and queue: a job's kind and queue are names in those tables. */
    private static JobTable describe(String schema) {
        Table<?> jobs = jobs(schema);
        Table<?> tasks = tasks(schema);
        Table<?> queues = queues(schema);
        Field<Integer> attempts = column(jobs, "attempts", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Field<OffsetDateTime> lockedAt = column(jobs, "locked_at", OffsetDateTime.class);
        Field<OffsetDateTime> runAt = column(jobs, "run_at", OffsetDateTime.class);
        Condition unlocked = lockedAt.isNull();
        Table<?> joined = jobs
                .join(tasks).on(column(tasks, "id", Integer.class).eq(column(jobs, "task_id", Integer.class)))
                .leftJoin(queues).on(column(queues, "id", Integer.class).eq(column(jobs, "job_queue_id", Integer.class)));
        return new JobTable(joined, DSL.coalesce(column(queues, "queue_name", String.class), inline(NO_QUEUE)), false, List.of(
                new JobState("waiting", SharedState.WAITING, unlocked.and(attempts.eq(inline(0))).and(runAt.le(now()))),
                new JobState("scheduled", SharedState.SCHEDULED, unlocked.and(attempts.eq(inline(0))).and(runAt.gt(now()))),
                new JobState("locked", SharedState.RUNNING, lockedAt.isNotNull()),
                new JobState("retrying", SharedState.RETRYABLE,
                        unlocked.and(attempts.gt(inline(0))).and(attempts.lt(maxAttempts))),
                new JobState("failed", SharedState.DEAD, unlocked.and(attempts.ge(maxAttempts)))),
                runAt, lockedAt, null, column(jobs, "updated_at", OffsetDateTime.class), DSL.falseCondition());
    }

    private static JobColumns columns(String schema) {
        Table<?> jobs = jobs(schema);
        Field<String> payload = QueueSql.text(jobs, "payload");
        Field<String> lastError = column(jobs, "last_error", String.class);
        return new JobColumns(column(jobs, "id", Long.class), column(tasks(schema), "identifier", String.class),
                column(jobs, "priority", Integer.class), column(jobs, "attempts", Integer.class),
                column(jobs, "max_attempts", Integer.class), column(jobs, "created_at", OffsetDateTime.class),
                column(jobs, "run_at", OffsetDateTime.class), column(jobs, "locked_at", OffsetDateTime.class),
                inline(null, OffsetDateTime.class), payload, lastError, column(jobs, "locked_by", String.class),
                QueueSql.searchable(payload, lastError));
    }

    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queueName = column(queueTable, "queue_name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
    }

    private Condition unlocked() {
        return column(jobs, "locked_at", OffsetDateTime.class).isNull();
    }

    private Field<Integer> attempts() {
        return column(jobs, "attempts", Integer.class);
    }

    /** Graphile keeps only the last error, with the time it was recorded. */
    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        if (job.lastError() == null) {
            return new JobDetail(job, List.of(), null);
        }
        OffsetDateTime at = db.select(column(jobs, "updated_at", OffsetDateTime.class)).from(jobs)
                .where(column(jobs, "id", Long.class).eq(Long.parseLong(job.id()))).fetchOne(0, OffsetDateTime.class);
        return new JobDetail(job, List.of(new JobError(job.attempt(), at, job.lastError(), null)), null);
    }

    /** Unlocked and failed at least once: reschedule_jobs resets attempts, so a second run finds none. */
    @Override
    protected Optional<JobChange> retry() {
        return Optional.of(new JobChange("Retry", unlocked().and(attempts().gt(inline(0))),
                graphile("reschedule_jobs", DSL.sql("run_at := pg_catalog.now(), attempts := 0")),
                "Jobs that failed at least once (retrying or permanently failed) run again now with their attempts"
                        + " reset to 0, through Graphile's reschedule_jobs; locked jobs and jobs not yet tried are not"
                        + " touched.", Outcome.counted("job", "rescheduled with attempts reset")));
    }

    @Override
    protected Optional<JobChange> cancel() {
        return Optional.of(new JobChange("Cancel", unlocked().and(attempts().eq(inline(0))),
                graphile("permanently_fail_jobs", inline(CANCEL_MESSAGE)),
                "Jobs not yet tried are marked permanently failed with the error '" + CANCEL_MESSAGE + "' through"
                        + " Graphile's permanently_fail_jobs, so no worker runs them; locked and retried jobs are not"
                        + " touched.", Outcome.counted("job", "cancelled (permanently failed)")));
    }

    /** One of Graphile's functions over the ids of the matching jobs; it returns the jobs it changed. */
    private JobStatement graphile(String function, QueryPart arguments) {
        Field<Long> id = column(jobs, "id", Long.class);
        return (which, limit) -> {
            var ids = select(id).from(table.table()).where(which);
            Field<Object> call = field("{0}(ARRAY({1}), {2})", Object.class, name(schema(), function),
                    limit == JobStatement.ALL ? ids : ids.limit(limit), arguments);
            return "SELECT count(*) FROM " + Sql.render(call);
        };
    }
}
