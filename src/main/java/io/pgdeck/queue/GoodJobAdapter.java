package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.NOW_UTC;
import static io.pgdeck.queue.QueueSql.utc;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.Sql;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * good_job (Rails): {@code good_jobs} holds a job's executions (3.x before discrete executions)
 * or the job itself, with one {@code good_job_executions} row per attempt (discrete, 3.16 on, all
 * of 4.x). good_job has no state column: its dashboard derives queued, scheduled, retried, running,
 * succeeded and discarded from finished_at, performed_at, scheduled_at, error and the Active Job
 * {@code executions} in serialized_params (GoodJob::Job's scopes); the same rules are used here,
 * on the head execution (retried_good_job_id null) of each job. Timestamps are Rails datetimes:
 * UTC without time zone. Its dashboard's actions are done as good_job does them (see each).
 *
 * <p>Schema history (bensheldon/good_job lib/generators/good_job/templates/update/migrations):
 * <ul>
 * <li>3.0 create_good_jobs.rb.erb: good_jobs as executions, active_job_id, retried_good_job_id,
 *     concurrency and cron keys; what pgdeck needs.
 * <li>3.4 02_create_good_job_settings: good_job_settings. Without it there is no pause (GoodJob.pause
 *     keeps paused queues there), and Pause says so by its absence.
 * <li>3.16 05_create_good_job_executions: good_job_executions, good_jobs.is_discrete, executions_count
 *     and job_class; 06_create_good_jobs_error_event: error_event. Before them the class is read from
 *     serialized_params, attempts from Active Job's executions, errors from the job's earlier execution
 *     rows, and no error_event is written.
 * <li>3.29 13_create_good_job_process_lock_ids: locked_by_id, locked_at. Before it a running job's
 *     process is not known; a running job is still known by its performed_at.
 * <li>4.0: all of the above required; is_discrete and retried_good_job_id no longer written, every row
 *     a job whose id is its active_job_id.
 * </ul>
 */
public final class GoodJobAdapter extends JobTableAdapter {

    public static final String LIBRARY = "good_job";

    static final short ERROR_EVENT_RETRIED = 3;
    static final short ERROR_EVENT_DISCARDED = 5;
    private static final String PAUSES = "pauses";

    /** What of good_job's optional schema an installation has: see the history above. */
    record Schema(boolean settings, boolean discreteExecutions, boolean errorEvent, boolean lockedBy) {}

    private final Schema installed;

    GoodJobAdapter(String schema, Schema installed) {
        super(LIBRARY, schema, describe(schema), columns(schema, installed));
        this.installed = installed;
    }

    /** good_job 3.0 and later: {@code good_jobs} with its 3.0 columns; what came later is optional. */
    public static List<GoodJobAdapter> detect(DSLContext db) {
        List<String> settings = QueueCatalog.schemasWithTable(db, "good_job_settings", "key", "value");
        List<String> executions = QueueCatalog.schemasWithTable(db, "good_job_executions", "active_job_id", "error");
        List<String> discrete = QueueCatalog.schemasWithTable(db, "good_jobs", "job_class", "executions_count");
        List<String> errorEvent = QueueCatalog.schemasWithTable(db, "good_jobs", "error_event");
        List<String> lockedBy = QueueCatalog.schemasWithTable(db, "good_jobs", "locked_by_id");
        return QueueCatalog.schemasWithTable(db, "good_jobs", "id", "queue_name", "priority", "serialized_params",
                "scheduled_at", "performed_at", "finished_at", "error", "active_job_id", "retried_good_job_id").stream()
                .map(s -> new GoodJobAdapter(s, new Schema(settings.contains(s),
                        executions.contains(s) && discrete.contains(s), errorEvent.contains(s), lockedBy.contains(s))))
                .toList();
    }

    private static <T> Field<T> col(String schema, String column, Class<T> type) {
        return field(name(schema, "good_jobs", column), type);
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return col(schema(), column, type);
    }

    /** When good_job runs the job: scheduled_at, or created_at for a job enqueued to run at once (3.x). */
    private static Field<LocalDateTime> runAt(String schema) {
        return DSL.coalesce(col(schema, "scheduled_at", LocalDateTime.class), col(schema, "created_at", LocalDateTime.class));
    }

    /** Active Job's own count of the job's runs, as good_job's params_execution_count reads it. */
    private static Field<Integer> activeJobExecutions(String schema) {
        return DSL.coalesce(field("({0} ->> 'executions')::integer", Integer.class,
                col(schema, "serialized_params", Object.class)), inline(0));
    }

    /** The row that is the job: its latest execution (GoodJob::Job's default scope in 3.x); every row in 4.x. */
    private static Condition head(String schema) {
        return col(schema, "retried_good_job_id", UUID.class).isNull();
    }

    private static JobTable describe(String schema) {
        Field<LocalDateTime> finishedAt = col(schema, "finished_at", LocalDateTime.class);
        Field<LocalDateTime> performedAt = col(schema, "performed_at", LocalDateTime.class);
        Field<String> error = col(schema, "error", String.class);
        Field<Integer> executions = activeJobExecutions(schema);
        Condition notStarted = head(schema).and(finishedAt.isNull()).and(performedAt.isNull());
        Condition finished = head(schema).and(finishedAt.isNotNull());
        Field<LocalDateTime> runAt = runAt(schema);
        return new JobTable(table(name(schema, "good_jobs")), col(schema, "queue_name", String.class), false, List.of(
                new JobState("queued", SharedState.WAITING, notStarted.and(runAt.le(NOW_UTC))),
                new JobState("scheduled", SharedState.SCHEDULED,
                        notStarted.and(runAt.gt(NOW_UTC)).and(executions.lt(inline(2)))),
                new JobState("retried", SharedState.RETRYABLE,
                        notStarted.and(runAt.gt(NOW_UTC)).and(executions.gt(inline(1)))),
                new JobState("running", SharedState.RUNNING, head(schema).and(finishedAt.isNull()).and(performedAt.isNotNull())),
                new JobState("succeeded", SharedState.DONE, finished.and(error.isNull())),
                new JobState("discarded", SharedState.DEAD, finished.and(error.isNotNull()))),
                utc(runAt), utc(performedAt), utc(finishedAt),
                utc(DSL.coalesce(finishedAt, col(schema, "updated_at", LocalDateTime.class))), DSL.falseCondition());
    }

    /** Paged by the raw created_at, which good_job indexes, rather than its UTC reading. */
    private static JobColumns columns(String schema, Schema installed) {
        Field<UUID> id = col(schema, "id", UUID.class);
        Field<LocalDateTime> createdAt = col(schema, "created_at", LocalDateTime.class);
        Field<Object> params = col(schema, "serialized_params", Object.class);
        Field<String> args = field("({0} -> 'arguments')::text", String.class, params);
        Field<String> error = col(schema, "error", String.class);
        Field<String> paramsClass = field("{0} ->> 'job_class'", String.class, params);
        // before executions_count (3.16), GoodJob::Job#executions_count: Active Job's count, one more once performed
        Field<Integer> attempt = installed.discreteExecutions()
                ? DSL.coalesce(col(schema, "executions_count", Integer.class), inline(0))
                : activeJobExecutions(schema).plus(DSL.when(col(schema, "performed_at", LocalDateTime.class).isNotNull(), inline(1))
                        .otherwise(inline(0)));
        return new JobColumns(id,
                installed.discreteExecutions() ? DSL.coalesce(col(schema, "job_class", String.class), paramsClass) : paramsClass,
                col(schema, "priority", Integer.class), attempt,
                inline(null, Integer.class), utc(createdAt), utc(col(schema, "scheduled_at", LocalDateTime.class)),
                utc(col(schema, "performed_at", LocalDateTime.class)), utc(col(schema, "finished_at", LocalDateTime.class)),
                args, error, installed.lockedBy() ? field("{0}::text", String.class, col(schema, "locked_by_id", Object.class))
                        : inline((String) null),
                QueueSql.searchable(args, error), List.of(createdAt, id));
    }

    /** Queues with unfinished jobs (good_job's partial indexes cover them) and paused queues. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queue = col("queue_name", String.class);
        Set<String> names = new TreeSet<>(db.selectDistinct(queue).from(table.table())
                .where(col("finished_at", LocalDateTime.class).isNull()).and(queue.isNotNull()).fetch(queue));
        names.addAll(paused(db));
        return List.copyOf(names);
    }

    /** Queues paused with GoodJob.pause(queue:): good_job_settings 'pauses' -> 'queues'. */
    @Override
    protected Set<String> paused(DSLContext db) {
        if (!installed.settings()) {
            return Set.of();
        }
        Field<String> name = field(name("q"), String.class);
        return new TreeSet<>(db.select(name)
                .from(settings(), DSL.lateral(table("jsonb_array_elements_text(coalesce({0} -> 'queues', '[]'::jsonb))",
                        value()).as("p", "q")))
                .where(settingsKey().eq(inline(PAUSES)))
                .fetch(name));
    }

    /**
     * Every failed execution of the job, oldest first, numbered as attempts: good_job_executions where
     * the installation has them, the job's own execution rows in good_jobs before (3.x's Job#executions).
     */
    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        String table = installed.discreteExecutions() ? "good_job_executions" : "good_jobs";
        Field<String> message = field(name(schema(), table, "error"), String.class);
        Field<LocalDateTime> created = field(name(schema(), table, "created_at"), LocalDateTime.class);
        Field<LocalDateTime> finished = field(name(schema(), table, "finished_at"), LocalDateTime.class);
        Field<Integer> attempt = DSL.rowNumber().over(DSL.orderBy(created)).as("attempt");
        Field<UUID> jobId = installed.discreteExecutions() ? inline(UUID.fromString(job.id()))
                : field(select(col("active_job_id", UUID.class)).from(this.table.table())
                        .where(col("id", UUID.class).eq(UUID.fromString(job.id()))));
        List<JobError> errors = new ArrayList<>();
        db.select(attempt, utc(finished).as("at"), message).from(table(name(schema(), table)))
                .where(field(name(schema(), table, "active_job_id"), UUID.class).eq(jobId))
                .orderBy(created)
                .fetch()
                .forEach(r -> {
                    if (r.value3() != null) {
                        errors.add(new JobError(r.value1(), r.value2(), r.value3(), null));
                    }
                });
        return new JobDetail(job, errors, null);
    }

    /**
     * GoodJob::Job#retry_job (app/models/good_job/job.rb; lib/models/good_job/job.rb in 3.0): only a
     * discarded job (finished with an error), its Active Job executions one higher, enqueued again to
     * run now through Job.enqueue. A discrete job (id = active_job_id: 3.16 on, all of 4.x) is the same
     * row again: performed_at and finished_at cleared, scheduled_at now, error_event retried, the error
     * kept. A 3.x job made of executions gets a new execution row (Execution.enqueue: active_job_id,
     * queue, priority, params, concurrency and cron key) and its old head points at it by
     * retried_good_job_id.
     */
    @Override
    protected Optional<JobChange> retry() {
        return Optional.of(new JobChange("Retry", table.inLibraryState("discarded"), this::retrying,
                "Discarded jobs are enqueued again to run now, as good_job's Retry button does: Active Job's"
                        + " executions count raised by one, the job cleared of finished_at and performed_at and"
                        + " scheduled now (a good_job 3 job of executions gets a new execution row); the last error"
                        + " stays for the dashboard. Jobs not discarded (waiting, running, succeeded) are not touched.",
                Outcome.counted("job", "enqueued again")));
    }

    private String retrying(Condition which, int limit) {
        return Sql.render(DSL.query("""
                WITH picked AS (SELECT {0} AS id, pg_catalog.gen_random_uuid() AS next_id FROM {1} WHERE {2} ORDER BY 1 {3}
                    FOR UPDATE SKIP LOCKED),
                retried AS (UPDATE {1} AS j SET finished_at = NULL, performed_at = NULL, scheduled_at = {4},
                    serialized_params = {5}, updated_at = {4}{6}
                    FROM picked WHERE j.id = picked.id AND j.id = j.active_job_id RETURNING j.id),
                enqueued AS (INSERT INTO {1} (id, active_job_id, queue_name, priority, serialized_params, scheduled_at,
                    concurrency_key, cron_key, created_at, updated_at)
                    SELECT picked.next_id, j.active_job_id, j.queue_name, j.priority, {5}, {4}, j.concurrency_key, j.cron_key, {4}, {4}
                    FROM {1} AS j JOIN picked ON picked.id = j.id WHERE j.id <> j.active_job_id RETURNING id),
                linked AS (UPDATE {1} AS j SET retried_good_job_id = picked.next_id, updated_at = {4}
                    FROM picked WHERE j.id = picked.id AND j.id <> j.active_job_id RETURNING j.id)
                SELECT (SELECT count(*) FROM retried) + (SELECT count(*) FROM linked)""",
                col("id", UUID.class), table.table(), which, JobStatement.limit(limit), NOW_UTC,
                DSL.field("jsonb_set(j.serialized_params, '{executions}',"
                        + " to_jsonb(coalesce((j.serialized_params ->> 'executions')::integer, 0) + 1))"),
                installed.errorEvent() ? DSL.sql(", error_event = " + ERROR_EVENT_RETRIED) : DSL.sql("")));
    }

    /**
     * GoodJob::Job#discard_job: a job not finished, under the job's lock, finished with a
     * DiscardJobError (format_error: "Class: message") and error_event discarded. A job a worker
     * holds (its advisory lock, or locked_by_id from 3.29) or has started is left alone, as the
     * dashboard's Discard waits for it and then refuses a finished job.
     */
    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new HashMap<>(Map.of(
                col("finished_at", LocalDateTime.class), NOW_UTC,
                col("error", String.class), inline("GoodJob::Job::DiscardJobError: Discarded in pgdeck"),
                col("updated_at", LocalDateTime.class), NOW_UTC));
        if (installed.errorEvent()) {
            set.put(col("error_event", Short.class), inline(ERROR_EVENT_DISCARDED));
        }
        Condition free = DSL.notExists(select(inline(1)).from(table(name("pg_catalog", "pg_locks")))
                .where(DSL.condition("locktype = 'advisory' AND objsubid = 1"
                        + " AND classid = ('x' || substr(md5('good_jobs' || '-' || {0}::text), 1, 16))::bit(32)::int"
                        + " AND objid = (('x' || substr(md5('good_jobs' || '-' || {0}::text), 1, 16))::bit(64) << 32)::bit(32)::int",
                        col("active_job_id", UUID.class))));
        Condition waiting = head(schema()).and(col("finished_at", LocalDateTime.class).isNull())
                .and(col("performed_at", LocalDateTime.class).isNull()).and(free)
                .and(installed.lockedBy() ? col("locked_by_id", UUID.class).isNull() : DSL.noCondition());
        return Optional.of(new JobChange("Discard", waiting, update(set), "Jobs not yet started are finished with a"
                + " DiscardJobError, as good_job's Discard button does; they show as discarded and can be retried later."
                + " Running and finished jobs, and jobs a worker has locked, are not touched.", Outcome.counted("job", "discarded")));
    }

    /**
     * GoodJob::Job#destroy_job: only a finished job, deleted with all its executions (3.x: every
     * good_jobs row of its active_job_id; from 3.16 its good_job_executions rows, dependent: :delete_all).
     */
    @Override
    protected Optional<JobChange> delete() {
        return Optional.of(new JobChange("Delete", head(schema()).and(col("finished_at", LocalDateTime.class).isNotNull()),
                this::destroying, "Finished jobs (succeeded, discarded) are deleted for good with all their executions,"
                        + " as good_job's Destroy button does. Waiting and running jobs are not touched.",
                Outcome.counted("job", "deleted")));
    }

    private String destroying(Condition which, int limit) {
        return Sql.render(DSL.query("""
                WITH picked AS (SELECT {0} AS id, {1} AS active_job_id FROM {2} WHERE {3} ORDER BY 1 {4} FOR UPDATE SKIP LOCKED),
                {5}deleted AS (DELETE FROM {2} AS j USING picked WHERE j.active_job_id = picked.active_job_id
                    RETURNING j.active_job_id)
                SELECT count(DISTINCT active_job_id) FROM deleted""",
                col("id", UUID.class), col("active_job_id", UUID.class), table.table(), which, JobStatement.limit(limit),
                installed.discreteExecutions() ? DSL.sql("executions AS (DELETE FROM {0} AS e USING picked"
                        + " WHERE e.active_job_id = picked.active_job_id), ", table(name(schema(), "good_job_executions")))
                        : DSL.sql("")));
    }

    private Table<?> settings() {
        return table(name(schema(), "good_job_settings"));
    }

    private Field<JSONB> value() {
        return field(name(schema(), "good_job_settings", "value"), JSONB.class);
    }

    private Field<String> settingsKey() {
        return field(name(schema(), "good_job_settings", "key"), String.class);
    }

    private Field<JSONB> pausedQueues() {
        return field("coalesce({0} -> 'queues', '[]'::jsonb)", JSONB.class, value());
    }

    private Condition pausedHas(String queue) {
        return DSL.condition("jsonb_exists({0}, {1})", pausedQueues(), inline(queue));
    }

    /** GoodJob.pause keeps paused queues in good_job_settings (3.4 on); without the table there is no pause. */
    @Override
    public Optional<Action> pause(String queue) {
        if (!installed.settings()) {
            return Optional.empty();
        }
        Field<JSONB> fresh = field("jsonb_build_object('queues', jsonb_build_array({0}), 'job_classes', '[]'::jsonb,"
                + " 'labels', '[]'::jsonb)", JSONB.class, inline(queue));
        var insert = DSL.insertInto(settings())
                .columns(field(name("id"), UUID.class), field(name("key"), String.class), field(name("value"), JSONB.class),
                        field(name("created_at"), LocalDateTime.class), field(name("updated_at"), LocalDateTime.class))
                .values(field("gen_random_uuid()", UUID.class), inline(PAUSES), fresh, NOW_UTC, NOW_UTC)
                .onConflict(field(name("key")))
                .doUpdate()
                .set(field(name("value"), JSONB.class), field("jsonb_set(coalesce({0}, '{}'::jsonb), '{queues}', {1} || to_jsonb({2}::text))",
                        JSONB.class, value(), pausedQueues(), inline(queue)))
                .set(field(name("updated_at"), LocalDateTime.class), NOW_UTC)
                .where(DSL.not(pausedHas(queue)))
                .returning(settingsKey());
        return Optional.of(JobActions.onQueue("Pause good_job queue " + queue, Sql.render(insert), SETTINGS_LOCK,
                "Workers stop taking jobs from " + queue + " (GoodJob.pause); jobs already running finish. Workers of a"
                        + " good_job version without pauses ignore it.",
                Outcome.switched("Queue " + queue, "paused", "was already paused")));
    }

    @Override
    public Optional<Action> resume(String queue) {
        if (!installed.settings()) {
            return Optional.empty();
        }
        var update = DSL.update(settings())
                .set(value(), field("jsonb_set({0}, '{queues}', {1} - {2}::text)", JSONB.class, value(), pausedQueues(),
                        inline(queue)))
                .set(field(name(schema(), "good_job_settings", "updated_at"), LocalDateTime.class), NOW_UTC)
                .where(settingsKey().eq(inline(PAUSES)))
                .and(pausedHas(queue))
                .returning(settingsKey());
        return Optional.of(JobActions.onQueue("Resume good_job queue " + queue, Sql.render(update), SETTINGS_LOCK,
                "Workers take jobs from " + queue + " again (GoodJob.unpause).",
                Outcome.switched("Queue " + queue, "resumed", "was not paused")));
    }

    private static final String SETTINGS_LOCK = "ROW EXCLUSIVE on good_job_settings; a row lock on its 'pauses' row";
}
