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
 * {@code solid_queue_pauses}. Timestamps are Rails datetimes: UTC without time zone. Retry,
 * discard and delete are Solid Queue's own, statement for statement (see each).
 *
 * <p>Schema history (rails/solid_queue), all of it detected:
 * <ul>
 * <li>v0.2 db/migrate/20231211200639_create_solid_queue_tables.rb: jobs with concurrency_key, the
 *     ready, scheduled, claimed, blocked and failed executions, pauses, processes, semaphores;
 *     everything pgdeck reads and changes.
 * <li>v0.3 20240218110712_create_recurring_executions.rb, v0.5 20240719134516_create_recurring_tasks.rb:
 *     recurring tasks, not read (their runs are ordinary jobs).
 * <li>v0.6 20240811173327_add_name_to_processes.rb: processes.name. Without it a claimed job's worker is
 *     shown as its process's kind and pid.
 * <li>v0.8 and 1.x: the same tables from lib/generators/solid_queue/install/templates/db/queue_schema.rb.
 * </ul>
 */
public final class SolidQueueAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Solid Queue";

    private static final ObjectMapper JSON = new ObjectMapper();

    SolidQueueAdapter(String schema, boolean processNames) {
        super(LIBRARY, schema, describe(schema), columns(schema, processNames));
    }

    /** Solid Queue 0.2 and later: its jobs table beside the ready and failed execution tables. */
    public static List<SolidQueueAdapter> detect(DSLContext db) {
        List<String> ready = QueueCatalog.schemasWithTable(db, "solid_queue_ready_executions", "job_id", "queue_name");
        List<String> failed = QueueCatalog.schemasWithTable(db, "solid_queue_failed_executions", "job_id", "error");
        List<String> named = QueueCatalog.schemasWithTable(db, "solid_queue_processes", "name");
        return QueueCatalog.schemasWithTable(db, "solid_queue_jobs", "id", "queue_name", "class_name", "arguments",
                "finished_at").stream().filter(s -> ready.contains(s) && failed.contains(s))
                .map(s -> new SolidQueueAdapter(s, named.contains(s))).toList();
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
     * attempt and the error are JSON, read by {@link #read}. The worker is the claiming process's
     * name where processes have one (v0.6), its kind and pid before.
     */
    private static JobColumns columns(String schema, boolean processNames) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<String> args = col(schema, "arguments", String.class);
        Field<String> error = ofExecution(schema, "failed", "error", String.class);
        Field<String> process = processNames ? field(name(schema, "solid_queue_processes", "name"), String.class)
                : DSL.concat(field(name(schema, "solid_queue_processes", "kind"), String.class), inline(" "),
                        field(name(schema, "solid_queue_processes", "pid"), Integer.class).cast(String.class));
        Field<String> host = DSL.coalesce(field(name(schema, "solid_queue_processes", "hostname"), String.class), inline(""));
        Field<String> worker = field(select(DSL.concat(process, inline("@"), host))
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

    /** The jobs with a failed execution: FailedExecution#retry applies to them alone. */
    @Override
    protected Optional<JobChange> retry() {
        return Optional.of(new JobChange("Retry", table.inLibraryState("failed"), this::retrying,
                "As Solid Queue's FailedExecution#retry: each job's Active Job counters are reset (executions 0, no"
                        + " exception_executions, so retry_on gets all its attempts again), its failed execution and"
                        + " error go, and it is dispatched as on enqueue: scheduled if its scheduled_at is ahead;"
                        + " blocked if it has a concurrency key whose semaphore is taken; otherwise ready, taking the"
                        + " semaphore. The job's limit and duration live in its Ruby class: pgdeck takes limits_concurrency's"
                        + " defaults (to: 1, 3 minutes) where it must create a semaphore. Jobs that are not failed are not"
                        + " touched.", Outcome.counted("job", "dispatched again (ready, blocked or scheduled)")));
    }

    /**
     * FailedExecution#retry (app/models/solid_queue/failed_execution.rb) in one statement per batch:
     * with_lock (the failed execution, skipped when someone holds it); job.reset_execution_counters
     * (job/retryable.rb); job.prepare_for_execution (job/executable.rb: due? then dispatch, else
     * schedule), where dispatch is acquire_concurrency_lock (Semaphore.wait, semaphore.rb: take one of
     * the semaphore's value, or create it at limit - 1) then ready, or block when the semaphore is
     * taken (concurrency_controls.rb); destroy! the failed execution. Jobs sharing a key in one batch
     * take the semaphore in Solid Queue's release order, priority then id.
     */
    private String retrying(Condition which, int limit) {
        return Sql.render(DSL.query("""
                WITH failed AS (SELECT f.job_id FROM {0} AS f WHERE f.job_id IN (SELECT {1} FROM {2} WHERE {3})
                    ORDER BY f.job_id {4} FOR UPDATE OF f SKIP LOCKED),
                moved AS (DELETE FROM {0} AS f USING failed WHERE f.job_id = failed.job_id RETURNING f.job_id),
                reset AS (UPDATE {2} AS j SET arguments = (j.arguments::jsonb || {5}::jsonb)::text, updated_at = {6}
                    FROM moved WHERE j.id = moved.job_id
                    RETURNING j.id, j.queue_name, j.priority, j.scheduled_at, j.concurrency_key),
                due AS (SELECT * FROM reset WHERE scheduled_at IS NULL OR scheduled_at <= {6}),
                limited AS (SELECT due.*, row_number() OVER (PARTITION BY concurrency_key ORDER BY priority, id) AS nth
                    FROM due WHERE concurrency_key IS NOT NULL),
                held AS (SELECT s.key, s.value FROM {7} AS s WHERE s.key IN (SELECT concurrency_key FROM limited)
                    FOR UPDATE OF s),
                admitted AS (SELECT l.id, l.concurrency_key FROM limited AS l LEFT JOIN held ON held.key = l.concurrency_key
                    WHERE l.nth <= coalesce(held.value, 1)),
                waited AS (UPDATE {7} AS s SET value = s.value - a.n, expires_at = {8}, updated_at = {6}
                    FROM (SELECT concurrency_key, count(*)::integer AS n FROM admitted GROUP BY concurrency_key) AS a
                    WHERE s.key = a.concurrency_key RETURNING s.key),
                created AS (INSERT INTO {7} (key, value, expires_at, created_at, updated_at)
                    SELECT DISTINCT concurrency_key, 0, {8}, {6}, {6} FROM admitted
                    WHERE concurrency_key NOT IN (SELECT key FROM held) ON CONFLICT (key) DO NOTHING RETURNING key),
                readied AS (INSERT INTO {9} (job_id, queue_name, priority, created_at)
                    SELECT id, queue_name, priority, {6} FROM due
                    WHERE concurrency_key IS NULL OR id IN (SELECT id FROM admitted)
                    ON CONFLICT (job_id) DO NOTHING RETURNING job_id),
                blocked AS (INSERT INTO {10} (job_id, queue_name, priority, concurrency_key, expires_at, created_at)
                    SELECT id, queue_name, priority, concurrency_key, {8}, {6} FROM limited
                    WHERE id NOT IN (SELECT id FROM admitted) ON CONFLICT (job_id) DO NOTHING RETURNING job_id),
                scheduled AS (INSERT INTO {11} (job_id, queue_name, priority, scheduled_at, created_at)
                    SELECT id, queue_name, priority, scheduled_at, {6} FROM reset WHERE id NOT IN (SELECT id FROM due)
                    ON CONFLICT (job_id) DO NOTHING RETURNING job_id)
                SELECT (SELECT count(*) FROM readied) + (SELECT count(*) FROM blocked) + (SELECT count(*) FROM scheduled)""",
                executions(schema(), "failed"), col("id", Long.class), table.table(), which, JobStatement.limit(limit),
                inline("{\"executions\":0,\"exception_executions\":{}}"), NOW_UTC, semaphores(), CONCURRENCY_EXPIRY,
                executions(schema(), "ready"), executions(schema(), "blocked"), executions(schema(), "scheduled")));
    }

    /** Only jobs waiting (ready, scheduled, blocked): Solid Queue refuses to discard a claimed job. */
    @Override
    protected Optional<JobChange> cancel() {
        return Optional.of(new JobChange("Discard", table.inLibraryState("ready", "scheduled", "blocked"), this::discarding,
                "Waiting jobs (ready, scheduled, blocked) are deleted with their execution, as Solid Queue's"
                        + " discard does; a ready job's concurrency semaphore is signalled. They never run and cannot be"
                        + " retried. Claimed, failed and finished jobs are not touched.",
                Outcome.counted("job", "discarded (deleted)")));
    }

    /** Every job but a claimed one: discard for waiting and failed jobs, clear_finished for finished ones. */
    @Override
    protected Optional<JobChange> delete() {
        return Optional.of(new JobChange("Delete", DSL.not(table.inLibraryState("claimed")), this::discarding,
                "The jobs are deleted for good with their execution, arguments and error, as Solid Queue's discard"
                        + " (waiting and failed jobs) and clear_finished_in_batches (finished jobs) do; a ready job's"
                        + " concurrency semaphore is signalled. A claimed (running) job is not touched.",
                Outcome.counted("job", "deleted")));
    }

    /**
     * Execution.discard_all_from_jobs (app/models/solid_queue/execution.rb) for every kind of
     * execution: its rows locked (skipped when a worker is claiming them), for ready ones
     * Job.release_all_concurrency_locks (ReadyExecution#discard_jobs, Semaphore.signal_all: one more
     * where the value is under the limit, 1 by default), then the jobs deleted; the executions go
     * with them (on_delete: :cascade). Finished jobs have no execution: the job row is locked.
     */
    private String discarding(Condition which, int limit) {
        return Sql.render(DSL.query("""
                WITH candidates AS (SELECT {0} AS id FROM {1} WHERE {2} ORDER BY 1 {3}),
                ready AS (SELECT e.job_id FROM {4} AS e WHERE e.job_id IN (SELECT id FROM candidates) FOR UPDATE SKIP LOCKED),
                scheduled AS (SELECT e.job_id FROM {5} AS e WHERE e.job_id IN (SELECT id FROM candidates) FOR UPDATE SKIP LOCKED),
                blocked AS (SELECT e.job_id FROM {6} AS e WHERE e.job_id IN (SELECT id FROM candidates) FOR UPDATE SKIP LOCKED),
                failed AS (SELECT e.job_id FROM {7} AS e WHERE e.job_id IN (SELECT id FROM candidates) FOR UPDATE SKIP LOCKED),
                finished AS (SELECT j.id AS job_id FROM {1} AS j WHERE j.id IN (SELECT id FROM candidates)
                    AND j.finished_at IS NOT NULL FOR UPDATE SKIP LOCKED),
                signalled AS (UPDATE {8} AS s SET value = s.value + 1 WHERE s.value < 1
                    AND s.key IN (SELECT j.concurrency_key FROM {1} AS j JOIN ready ON ready.job_id = j.id) RETURNING s.key),
                discarded AS (DELETE FROM {1} AS j WHERE j.id IN (SELECT job_id FROM ready UNION ALL SELECT job_id FROM scheduled
                    UNION ALL SELECT job_id FROM blocked UNION ALL SELECT job_id FROM failed UNION ALL SELECT job_id FROM finished)
                    RETURNING j.id)
                SELECT count(*) FROM discarded""",
                col("id", Long.class), table.table(), which, JobStatement.limit(limit), executions(schema(), "ready"),
                executions(schema(), "scheduled"), executions(schema(), "blocked"), executions(schema(), "failed"), semaphores()));
    }

    private Table<?> semaphores() {
        return table(name(schema(), "solid_queue_semaphores"));
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

    /** concurrency_duration.from_now with SolidQueue.default_concurrency_control_period (lib/solid_queue.rb). */
    private static final Field<LocalDateTime> CONCURRENCY_EXPIRY = field("({0} + interval '3 minutes')", LocalDateTime.class, NOW_UTC);
}
