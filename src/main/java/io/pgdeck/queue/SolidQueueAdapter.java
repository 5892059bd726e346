package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.NOW_UTC;
import static io.pgdeck.queue.QueueSql.utc;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.action.Action;
import io.pgdeck.action.Sql;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Solid Queue (Rails 8's default): {@code solid_queue_jobs} plus one execution table per state;
 * a job is ready, scheduled, blocked (by a concurrency limit), claimed (by a worker) or failed
 * according to which execution row exists for it, and finished when finished_at is set (Solid
 * Queue keeps finished jobs a day by default). Queues are paused by a row in
 * {@code solid_queue_pauses}. Timestamps are Rails datetimes: UTC without time zone. Retry is
 * {@code FailedExecution#retry}: the failed execution is deleted and the job prepared for
 * execution again, in one statement so no job is ever in neither or both; discard is
 * {@code Job#discard}: the job is deleted with its execution unless a worker has claimed it.
 */
public final class SolidQueueAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Solid Queue";

    private static final ObjectMapper JSON = new ObjectMapper();

    SolidQueueAdapter(String schema) {
        super(LIBRARY, schema, describe(schema), columns(schema));
    }

    /** Solid Queue: its jobs table beside the ready and failed execution tables. */
    public static List<SolidQueueAdapter> detect(DSLContext db) {
        List<String> ready = QueueCatalog.schemasWithTable(db, "solid_queue_ready_executions", "job_id", "queue_name");
        List<String> failed = QueueCatalog.schemasWithTable(db, "solid_queue_failed_executions", "job_id", "error");
        return QueueCatalog.schemasWithTable(db, "solid_queue_jobs", "id", "queue_name", "class_name", "arguments",
                "finished_at").stream().filter(s -> ready.contains(s) && failed.contains(s))
                .map(SolidQueueAdapter::new).toList();
    }

    private static <T> Field<T> col(String schema, String column, Class<T> type) {
        return field(name(schema, "solid_queue_jobs", column), type);
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return col(schema(), column, type);
    }

    private static Table<?> executions(String schema, String state) {
        return table(name(schema, "solid_queue_" + state + "_executions"));
    }

    private static <T> Field<T> ofExecutions(String schema, String state, String column, Class<T> type) {
        return field(name(schema, "solid_queue_" + state + "_executions", column), type);
    }

    /** Jobs with a row in the state's execution table: a hashed lookup, built once per query. */
    private static Condition has(String schema, String state) {
        return col(schema, "id", Long.class).in(select(ofExecutions(schema, state, "job_id", Long.class))
                .from(executions(schema, state)));
    }

    /** A column of the job's execution row in that state, looked up for the rows that need it. */
    private static <T> Field<T> ofExecution(String schema, String state, String column, Class<T> type) {
        return field(select(ofExecutions(schema, state, column, type)).from(executions(schema, state))
                .where(ofExecutions(schema, state, "job_id", Long.class).eq(col(schema, "id", Long.class))));
    }

    private static JobTable describe(String schema) {
        Field<LocalDateTime> finishedAt = col(schema, "finished_at", LocalDateTime.class);
        Condition unfinished = finishedAt.isNull();
        return new JobTable(table(name(schema, "solid_queue_jobs")), col(schema, "queue_name", String.class), false, List.of(
                new JobState("ready", SharedState.WAITING, unfinished.and(has(schema, "ready"))),
                new JobState("blocked", SharedState.WAITING, unfinished.and(has(schema, "blocked"))),
                new JobState("scheduled", SharedState.SCHEDULED, unfinished.and(has(schema, "scheduled"))),
                new JobState("claimed", SharedState.RUNNING, unfinished.and(has(schema, "claimed"))),
                new JobState("failed", SharedState.DEAD, unfinished.and(has(schema, "failed"))),
                new JobState("finished", SharedState.DONE, finishedAt.isNotNull())),
                // Solid Queue sets scheduled_at to the enqueue time of a job that runs at once
                utc(DSL.coalesce(col(schema, "scheduled_at", LocalDateTime.class), col(schema, "created_at", LocalDateTime.class))),
                utc(ofExecution(schema, "claimed", "created_at", LocalDateTime.class)), utc(finishedAt),
                utc(ofExecution(schema, "failed", "created_at", LocalDateTime.class)), DSL.falseCondition());
    }

    /**
     * Newest first by id: Solid Queue has no index on created_at, ids follow enqueue order. The
     * attempt and the error are JSON, read by {@link #read}.
     */
    private static JobColumns columns(String schema) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<String> args = col(schema, "arguments", String.class);
        Field<String> error = ofExecution(schema, "failed", "error", String.class);
        Field<String> worker = field(select(DSL.concat(field(name(schema, "solid_queue_processes", "name"), String.class),
                        inline("@"), DSL.coalesce(field(name(schema, "solid_queue_processes", "hostname"), String.class), inline(""))))
                .from(table(name(schema, "solid_queue_processes")))
                .where(field(name(schema, "solid_queue_processes", "id"), Long.class)
                        .eq(ofExecution(schema, "claimed", "process_id", Long.class))));
        return new JobColumns(id, col(schema, "class_name", String.class), col(schema, "priority", Integer.class),
                inline(0), inline(null, Integer.class), utc(col(schema, "created_at", LocalDateTime.class)),
                utc(col(schema, "scheduled_at", LocalDateTime.class)),
                utc(ofExecution(schema, "claimed", "created_at", LocalDateTime.class)),
                utc(col(schema, "finished_at", LocalDateTime.class)), args, error, worker,
                QueueSql.searchable(args, error), List.of(id));
    }

    /** Queues of every execution and every pause: the execution tables are small, the jobs table is not. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> q = field(name("q"), String.class);
        var withQueue = select(ofExecutions(schema(), "ready", "queue_name", String.class).as("q"))
                .from(executions(schema(), "ready"))
                .union(select(ofExecutions(schema(), "scheduled", "queue_name", String.class))
                        .from(executions(schema(), "scheduled")))
                .union(select(ofExecutions(schema(), "blocked", "queue_name", String.class))
                        .from(executions(schema(), "blocked")))
                .union(select(pausedQueue()).from(pauses()))
                .union(select(col("queue_name", String.class)).from(table.table())
                        .where(has(schema(), "claimed").or(has(schema(), "failed"))));
        return new ArrayList<>(new TreeSet<>(db.select(q).from(withQueue.asTable("queues")).fetch(q)));
    }

    @Override
    protected Set<String> paused(DSLContext db) {
        return new TreeSet<>(db.select(pausedQueue()).from(pauses()).fetch(pausedQueue()));
    }

    @Override
    protected Job read(Job job) {
        return new Job(job.id(), job.queue(), job.kind(), job.libraryState(), job.state(), job.priority(),
                activeJobExecutions(job.args()), job.maxAttempts(), job.createdAt(), job.scheduledAt(), job.startedAt(),
                job.finishedAt(), job.args(), job.lastError() == null ? null : error(job.lastError(), null).message(),
                job.worker());
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        var failed = db.select(ofExecutions(schema(), "failed", "error", String.class),
                        utc(ofExecutions(schema(), "failed", "created_at", LocalDateTime.class)))
                .from(executions(schema(), "failed"))
                .where(ofExecutions(schema(), "failed", "job_id", Long.class).eq(Long.parseLong(job.id())))
                .fetchOptional();
        return new JobDetail(job, failed.map(r -> List.of(error(r.value1(), r.value2()))).orElse(List.of()), null);
    }

    /** Active Job's executions count from the serialized arguments; 0 when they are not JSON. */
    private static int activeJobExecutions(String arguments) {
        try {
            return arguments == null ? 0 : JSON.readTree(arguments).path("executions").asInt(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Solid Queue stores the error as JSON: exception_class, message, backtrace. */
    static JobError error(String raw, OffsetDateTime at) {
        try {
            JsonNode e = JSON.readTree(raw);
            if (e.isObject()) {
                List<String> trace = new ArrayList<>();
                e.path("backtrace").forEach(line -> trace.add(line.asText()));
                return new JobError(null, at, e.path("exception_class").asText("") + ": " + e.path("message").asText(""),
                        trace.isEmpty() ? null : String.join("\n", trace));
            }
        } catch (java.io.IOException e) {
            // not JSON: shown as stored
        }
        return new JobError(null, at, raw, null);
    }

    @Override
    protected Optional<JobChange> retry() {
        return Optional.of(new JobChange("Retry", col("finished_at", LocalDateTime.class).isNull(), this::move,
                "Each failed job's failed execution is deleted and a ready execution inserted with the job's queue"
                        + " and priority (a scheduled one if its scheduled_at is ahead), in one statement: workers pick"
                        + " the jobs up at once. The error text goes with the failed execution. Concurrency limits are"
                        + " not re-checked: a limited job runs even if its semaphore is taken. Jobs that are not failed"
                        + " are not touched.", Outcome.counted("job", "moved from failed to ready")));
    }

    /** One statement moving up to {@code limit} failed jobs among {@code which} back to ready (or scheduled). */
    private String move(Condition which, int limit) {
        Table<?> failed = executions(schema(), "failed");
        Field<Long> failedJob = ofExecutions(schema(), "failed", "job_id", Long.class);
        Field<Long> id = col("id", Long.class);
        var picked = select(failedJob).from(failed).where(failedJob.in(select(id).from(table.table()).where(which)))
                .orderBy(failedJob);
        var locked = (limit == JobStatement.ALL ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked();
        var delete = DSL.deleteFrom(failed).where(failedJob.in(locked)).returning(failedJob);

        Table<?> moved = table(name("moved"));
        Field<Long> movedJob = field(name("moved", "job_id"), Long.class);
        Field<LocalDateTime> scheduledAt = col("scheduled_at", LocalDateTime.class);
        Condition due = scheduledAt.isNull().or(scheduledAt.le(NOW_UTC));
        var ready = DSL.insertInto(executions(schema(), "ready"), field(name("job_id"), Long.class),
                        field(name("queue_name"), String.class), field(name("priority"), Integer.class),
                        field(name("created_at"), LocalDateTime.class))
                .select(select(id, col("queue_name", String.class), col("priority", Integer.class), NOW_UTC)
                        .from(table.table()).join(moved).on(id.eq(movedJob)).where(due))
                .onConflict(field(name("job_id"))).doNothing()
                .returning(ofExecutions(schema(), "ready", "job_id", Long.class));
        var scheduled = DSL.insertInto(executions(schema(), "scheduled"), field(name("job_id"), Long.class),
                        field(name("queue_name"), String.class), field(name("priority"), Integer.class),
                        field(name("scheduled_at"), LocalDateTime.class), field(name("created_at"), LocalDateTime.class))
                .select(select(id, col("queue_name", String.class), col("priority", Integer.class), scheduledAt, NOW_UTC)
                        .from(table.table()).join(moved).on(id.eq(movedJob)).where(DSL.not(due)))
                .onConflict(field(name("job_id"))).doNothing()
                .returning(ofExecutions(schema(), "scheduled", "job_id", Long.class));
        return "WITH moved AS (" + Sql.render(delete) + "), readied AS (" + Sql.render(ready) + "), rescheduled AS ("
                + Sql.render(scheduled) + ") SELECT (SELECT count(*) FROM readied) + (SELECT count(*) FROM rescheduled)";
    }

    /** Only jobs waiting (ready, scheduled, blocked): Solid Queue never discards a claimed job. */
    @Override
    protected Optional<JobChange> cancel() {
        Condition waiting = col("finished_at", LocalDateTime.class).isNull()
                .and(has(schema(), "ready").or(has(schema(), "scheduled")).or(has(schema(), "blocked")))
                .and(DSL.not(has(schema(), "claimed")));
        return Optional.of(new JobChange("Discard", waiting, JobStatement.delete(table.table(), col("id", Long.class)), "Waiting jobs (ready, scheduled, blocked) are"
                + " deleted with their execution, as Solid Queue's discard does: they never run and cannot be retried."
                + " Claimed, failed and finished jobs are not touched.", Outcome.counted("job", "discarded (deleted)")));
    }

    private Table<?> pauses() {
        return table(name(schema(), "solid_queue_pauses"));
    }

    private Field<String> pausedQueue() {
        return field(name(schema(), "solid_queue_pauses", "queue_name"), String.class);
    }

    @Override
    public Optional<Action> pause(String queue) {
        var insert = DSL.insertInto(pauses(), field(name("queue_name"), String.class), field(name("created_at"), LocalDateTime.class))
                .values(inline(queue), NOW_UTC)
                .onConflict(field(name("queue_name"))).doNothing()
                .returning(pausedQueue());
        return Optional.of(JobActions.onQueue("Pause Solid Queue queue " + queue, Sql.render(insert), PAUSES_LOCK,
                "Workers stop polling " + queue + "; jobs already claimed finish, new jobs wait as ready.",
                Outcome.switched("Queue " + queue, "paused", "was already paused")));
    }

    @Override
    public Optional<Action> resume(String queue) {
        var delete = DSL.deleteFrom(pauses()).where(pausedQueue().eq(inline(queue))).returning(pausedQueue());
        return Optional.of(JobActions.onQueue("Resume Solid Queue queue " + queue, Sql.render(delete), PAUSES_LOCK,
                "Workers poll " + queue + " again.", Outcome.switched("Queue " + queue, "resumed", "was not paused")));
    }

    private static final String PAUSES_LOCK = "ROW EXCLUSIVE on solid_queue_pauses";
}
