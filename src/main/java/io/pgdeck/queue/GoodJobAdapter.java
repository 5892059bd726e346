package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.NOW_UTC;
import static io.pgdeck.queue.QueueSql.utc;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.Sql;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * good_job (Rails): one {@code good_jobs} row per job, one {@code good_job_executions} row per
 * attempt. good_job has no state column: its dashboard derives queued, scheduled, retried,
 * running, succeeded and discarded from finished_at, performed_at, scheduled_at, error and the
 * Active Job {@code executions} in serialized_params; the same rules are used here. Timestamps
 * are Rails datetimes: UTC without time zone. Its dashboard's actions are done as it does them:
 * Retry ({@code GoodJob::Job#retry_job}) enqueues a discarded job again, Discard finishes a job
 * not yet started with a DiscardJobError, and {@code GoodJob.pause(queue:)} lists the queue in
 * good_job_settings 'pauses'.
 */
public final class GoodJobAdapter extends JobTableAdapter {

    public static final String LIBRARY = "good_job";

    static final short ERROR_EVENT_RETRIED = 3;
    static final short ERROR_EVENT_DISCARDED = 5;
    private static final String PAUSES = "pauses";

    GoodJobAdapter(String schema) {
        super(LIBRARY, schema, describe(schema), columns(schema));
    }

    /** good_job with discrete executions: {@code good_jobs} with job_class and error_event. */
    public static List<GoodJobAdapter> detect(DSLContext db) {
        return QueueCatalog.schemasWithTable(db, "good_jobs", "id", "queue_name", "serialized_params", "scheduled_at",
                "performed_at", "finished_at", "error", "job_class", "error_event", "executions_count").stream()
                .map(GoodJobAdapter::new).toList();
    }

    private static <T> Field<T> col(String schema, String column, Class<T> type) {
        return field(name(schema, "good_jobs", column), type);
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return col(schema(), column, type);
    }

    /** When good_job runs the job: scheduled_at, or created_at for a job enqueued to run at once. */
    private static Field<LocalDateTime> runAt(String schema) {
        return DSL.coalesce(col(schema, "scheduled_at", LocalDateTime.class), col(schema, "created_at", LocalDateTime.class));
    }

    private static JobTable describe(String schema) {
        Field<LocalDateTime> finishedAt = col(schema, "finished_at", LocalDateTime.class);
        Field<LocalDateTime> performedAt = col(schema, "performed_at", LocalDateTime.class);
        Field<String> error = col(schema, "error", String.class);
        Field<Integer> executions = DSL.coalesce(field("({0} ->> 'executions')::integer", Integer.class,
                col(schema, "serialized_params", Object.class)), inline(0));
        Condition notStarted = finishedAt.isNull().and(performedAt.isNull());
        Field<LocalDateTime> runAt = runAt(schema);
        return new JobTable(table(name(schema, "good_jobs")), col(schema, "queue_name", String.class), false, List.of(
                new JobState("queued", SharedState.WAITING, notStarted.and(runAt.le(NOW_UTC))),
                new JobState("scheduled", SharedState.SCHEDULED,
                        notStarted.and(runAt.gt(NOW_UTC)).and(executions.lt(inline(2)))),
                new JobState("retried", SharedState.RETRYABLE,
                        notStarted.and(runAt.gt(NOW_UTC)).and(executions.gt(inline(1)))),
                new JobState("running", SharedState.RUNNING, finishedAt.isNull().and(performedAt.isNotNull())),
                new JobState("succeeded", SharedState.DONE, finishedAt.isNotNull().and(error.isNull())),
                new JobState("discarded", SharedState.DEAD, finishedAt.isNotNull().and(error.isNotNull()))),
                utc(runAt), utc(performedAt), utc(finishedAt),
                utc(DSL.coalesce(finishedAt, col(schema, "updated_at", LocalDateTime.class))), DSL.falseCondition());
    }

    /** Paged by the raw created_at, which good_job indexes, rather than its UTC reading. */
    private static JobColumns columns(String schema) {
        Field<UUID> id = col(schema, "id", UUID.class);
        Field<LocalDateTime> createdAt = col(schema, "created_at", LocalDateTime.class);
        Field<String> args = field("({0} -> 'arguments')::text", String.class, col(schema, "serialized_params", Object.class));
        Field<String> error = col(schema, "error", String.class);
        return new JobColumns(id, DSL.coalesce(col(schema, "job_class", String.class),
                        field("{0} ->> 'job_class'", String.class, col(schema, "serialized_params", Object.class))),
                col(schema, "priority", Integer.class), DSL.coalesce(col(schema, "executions_count", Integer.class), inline(0)),
                inline(null, Integer.class), utc(createdAt), utc(col(schema, "scheduled_at", LocalDateTime.class)),
                utc(col(schema, "performed_at", LocalDateTime.class)), utc(col(schema, "finished_at", LocalDateTime.class)),
                args, error, field("{0}::text", String.class, col(schema, "locked_by_id", Object.class)),
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
        if (!QueueCatalog.schemasWithTable(db, "good_job_settings", "key", "value").contains(schema())) {
            return Set.of();
        }
        Field<String> name = field(name("q"), String.class);
        return new TreeSet<>(db.select(name)
                .from(settings(), DSL.lateral(table("jsonb_array_elements_text(coalesce({0} -> 'queues', '[]'::jsonb))",
                        value()).as("p", "q")))
                .where(settingsKey().eq(inline(PAUSES)))
                .fetch(name));
    }

    /** Every failed execution of the job, oldest first, numbered as attempts. */
    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        Table<?> executions = table(name(schema(), "good_job_executions"));
        Field<String> message = field(name(schema(), "good_job_executions", "error"), String.class);
        Field<LocalDateTime> created = field(name(schema(), "good_job_executions", "created_at"), LocalDateTime.class);
        Field<LocalDateTime> finished = field(name(schema(), "good_job_executions", "finished_at"), LocalDateTime.class);
        Field<Integer> attempt = DSL.rowNumber().over(DSL.orderBy(created)).as("attempt");
        List<JobError> errors = new ArrayList<>();
        db.select(attempt, utc(finished).as("at"), message).from(executions)
                .where(field(name(schema(), "good_job_executions", "active_job_id"), UUID.class).eq(UUID.fromString(job.id())))
                .orderBy(created)
                .fetch()
                .forEach(r -> {
                    if (r.value3() != null) {
                        errors.add(new JobError(r.value1(), r.value2(), r.value3(), null));
                    }
                });
        return new JobDetail(job, errors, null);
    }

    /** Retry applies to discarded jobs only; the last error stays for the dashboard. */
    @Override
    protected Optional<JobChange> retry() {
        Field<JSONB> params = col("serialized_params", JSONB.class);
        Map<Field<?>, Object> set = Map.of(
                col("finished_at", LocalDateTime.class), inline(null, LocalDateTime.class),
                col("performed_at", LocalDateTime.class), inline(null, LocalDateTime.class),
                col("scheduled_at", LocalDateTime.class), NOW_UTC,
                col("error_event", Short.class), inline(ERROR_EVENT_RETRIED),
                params, field("jsonb_set({0}, '{executions}', to_jsonb(coalesce(({0} ->> 'executions')::integer, 0) + 1))",
                        JSONB.class, params),
                col("updated_at", LocalDateTime.class), NOW_UTC);
        return Optional.of(new JobChange("Retry", table.inLibraryState("discarded"), update(set),
                "Discarded jobs are enqueued again to run now, as good_job's Retry button does: finished_at and"
                        + " performed_at cleared, scheduled_at now, error_event 'retried', the Active Job executions"
                        + " count raised by one; the last error stays for the dashboard. Jobs not discarded (waiting,"
                        + " running, succeeded) are not touched.", Outcome.counted("job", "enqueued again")));
    }

    /** Only jobs not yet performed: good_job refuses to discard a job a worker holds. */
    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = Map.of(
                col("finished_at", LocalDateTime.class), NOW_UTC,
                col("error", String.class), inline("GoodJob::Job::DiscardJobError: Discarded in pgdeck"),
                col("error_event", Short.class), inline(ERROR_EVENT_DISCARDED),
                col("updated_at", LocalDateTime.class), NOW_UTC);
        return Optional.of(new JobChange("Discard",
                col("finished_at", LocalDateTime.class).isNull().and(col("performed_at", LocalDateTime.class).isNull()),
                update(set), "Jobs not yet started are finished with a DiscardJobError, as good_job's Discard button"
                        + " does; they show as discarded and can be retried later. Running and finished jobs are not"
                        + " touched.", Outcome.counted("job", "discarded")));
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

    @Override
    public Optional<Action> pause(String queue) {
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
