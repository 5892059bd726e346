package io.pgdeck.queue;

import static io.pgdeck.queue.LibraryJobs.NOW_UTC;
import static io.pgdeck.queue.LibraryJobs.utc;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * good_job (Rails): one {@code good_jobs} row per job, one {@code good_job_executions} row per
 * attempt. good_job has no state column: its dashboard derives queued, scheduled, retried,
 * running, succeeded and discarded from finished_at, performed_at, scheduled_at, error and the
 * Active Job {@code executions} in serialized_params; the same rules are used here. Timestamps
 * are Rails datetimes: UTC without time zone.
 */
public final class GoodJobAdapter implements QueueAdapter {

    public static final String LIBRARY = "good_job";

    static final short ERROR_EVENT_RETRIED = 3;
    static final short ERROR_EVENT_DISCARDED = 5;

    private final String schema;
    private final Table<?> jobs;
    private final Field<UUID> id;
    private final Field<String> queue;
    private final Field<String> jobClass;
    private final Field<Integer> priority;
    private final Field<Object> params;
    private final Field<LocalDateTime> scheduledAt;
    private final Field<LocalDateTime> performedAt;
    private final Field<LocalDateTime> finishedAt;
    private final Field<LocalDateTime> createdAt;
    private final Field<LocalDateTime> updatedAt;
    private final Field<String> error;
    private final Field<Integer> executionsCount;
    private final Field<String> args;
    private final JobTable table;
    private final JobTableReader reader;
    private final GoodJobActions actions;

    GoodJobAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "good_jobs"));
        this.id = col("id", UUID.class);
        this.queue = col("queue_name", String.class);
        this.jobClass = DSL.coalesce(col("job_class", String.class),
                field("{0} ->> 'job_class'", String.class, col("serialized_params", Object.class)));
        this.priority = col("priority", Integer.class);
        this.params = col("serialized_params", Object.class);
        this.scheduledAt = col("scheduled_at", LocalDateTime.class);
        this.performedAt = col("performed_at", LocalDateTime.class);
        this.finishedAt = col("finished_at", LocalDateTime.class);
        this.createdAt = col("created_at", LocalDateTime.class);
        this.updatedAt = col("updated_at", LocalDateTime.class);
        this.error = col("error", String.class);
        this.executionsCount = col("executions_count", Integer.class);
        this.args = field("({0} -> 'arguments')::text", String.class, params);
        this.table = describe();
        this.reader = new JobTableReader(table);
        this.actions = new GoodJobActions(schema, jobs, id, finishedAt, performedAt, error, table);
    }

    /** good_job with discrete executions: {@code good_jobs} with job_class and error_event. */
    public static List<GoodJobAdapter> detect(DSLContext db) {
        return QueueCatalog.schemasWithTable(db, "good_jobs", "id", "queue_name", "serialized_params", "scheduled_at",
                "performed_at", "finished_at", "error", "job_class", "error_event", "executions_count").stream()
                .map(GoodJobAdapter::new).toList();
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return field(name(schema, "good_jobs", column), type);
    }

    /** When good_job runs the job: scheduled_at, or created_at for a job enqueued to run at once. */
    private Field<LocalDateTime> runAt() {
        return DSL.coalesce(scheduledAt, createdAt);
    }

    private Field<Integer> executions() {
        return DSL.coalesce(field("({0} ->> 'executions')::integer", Integer.class, params), inline(0));
    }

    private JobTable describe() {
        Condition notStarted = finishedAt.isNull().and(performedAt.isNull());
        return new JobTable(jobs, queue, false, List.of(
                new JobState("queued", SharedState.WAITING, notStarted.and(runAt().le(NOW_UTC))),
                new JobState("scheduled", SharedState.SCHEDULED,
                        notStarted.and(runAt().gt(NOW_UTC)).and(executions().lt(inline(2)))),
                new JobState("retried", SharedState.RETRYABLE,
                        notStarted.and(runAt().gt(NOW_UTC)).and(executions().gt(inline(1)))),
                new JobState("running", SharedState.RUNNING, finishedAt.isNull().and(performedAt.isNotNull())),
                new JobState("succeeded", SharedState.DONE, finishedAt.isNotNull().and(error.isNull())),
                new JobState("discarded", SharedState.DEAD, finishedAt.isNotNull().and(error.isNotNull()))),
                utc(runAt()), utc(performedAt), utc(finishedAt), utc(DSL.coalesce(finishedAt, updatedAt)),
                DSL.falseCondition());
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public List<String> libraryStates() {
        return table.libraryStates();
    }

    /** Queues with unfinished jobs (good_job's partial indexes cover them) and paused queues. */
    @Override
    public List<String> queues(DSLContext db) {
        Set<String> names = new TreeSet<>(db.selectDistinct(queue).from(jobs).where(finishedAt.isNull())
                .and(queue.isNotNull()).fetch(queue));
        names.addAll(paused(db));
        return List.copyOf(names);
    }

    /** Queues paused with GoodJob.pause(queue:): good_job_settings 'pauses' -> 'queues'. */
    Set<String> paused(DSLContext db) {
        if (!QueueCatalog.schemasWithTable(db, "good_job_settings", "key", "value").contains(schema)) {
            return Set.of();
        }
        Field<String> name = field(name("q"), String.class);
        return new TreeSet<>(db.select(name)
                .from(table(name(schema, "good_job_settings")),
                        DSL.lateral(table("jsonb_array_elements_text(coalesce({0} -> 'queues', '[]'::jsonb))",
                                field(name(schema, "good_job_settings", "value"))).as("p", "q")))
                .where(field(name(schema, "good_job_settings", "key"), String.class).eq(inline(GoodJobActions.PAUSES)))
                .fetch(name));
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), paused(db));
    }

    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        return reader.throughput(db, window, this, queues(db));
    }

    @Override
    public JobPage jobs(DSLContext db, JobFilter filter) {
        Condition where = where(filter);
        if (filter.after() != null) {
            KeysetCursor after = KeysetCursor.decode(filter.after());
            LocalDateTime created = after.created().withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            where = where.and(DSL.row(createdAt, id).lt(created, UUID.fromString(after.id())));
        }
        List<Job> page = selectJobs(db).where(where).orderBy(createdAt.desc(), id.desc()).limit(filter.limit() + 1)
                .fetch(this::toJob);
        boolean more = page.size() > filter.limit();
        List<Job> shown = more ? page.subList(0, filter.limit()) : page;
        Job last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
        return new JobPage(shown, more ? new KeysetCursor(last.createdAt(), last.id()).encode() : null);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, where(filter), exactBelow);
    }

    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        UUID uuid = GoodJobActions.uuid(jobId);
        return selectJobs(db).where(id.eq(uuid)).fetchOptional(this::toJob)
                .map(job -> new JobDetail(job, errors(db, uuid), null));
    }

    /** Every failed execution of the job, oldest first, numbered as attempts. */
    private List<JobError> errors(DSLContext db, UUID jobId) {
        Table<?> executions = table(name(schema, "good_job_executions"));
        Field<String> message = field(name(schema, "good_job_executions", "error"), String.class);
        Field<LocalDateTime> created = field(name(schema, "good_job_executions", "created_at"), LocalDateTime.class);
        Field<LocalDateTime> finished = field(name(schema, "good_job_executions", "finished_at"), LocalDateTime.class);
        Field<Integer> attempt = DSL.rowNumber().over(DSL.orderBy(created)).as("attempt");
        List<JobError> errors = new ArrayList<>();
        db.select(attempt, utc(finished).as("at"), message).from(executions)
                .where(field(name(schema, "good_job_executions", "active_job_id"), UUID.class).eq(jobId))
                .orderBy(created)
                .fetch()
                .forEach(r -> {
                    if (r.value3() != null) {
                        errors.add(new JobError(r.value1(), r.value2(), r.value3(), null));
                    }
                });
        return errors;
    }

    private Condition where(JobFilter filter) {
        return LibraryJobs.matching(table, filter, jobClass, List.of(args, error));
    }

    private org.jooq.SelectJoinStep<Record> selectJobs(DSLContext db) {
        return db.select(List.of(id, queue, jobClass.as("kind"), priority, DSL.coalesce(executionsCount, inline(0)).as("n"),
                utc(createdAt).as("created"), utc(scheduledAt).as("scheduled"), utc(performedAt).as("performed"),
                utc(finishedAt).as("finished"), args.as("args"), error,
                field("{0}::text", String.class, col("locked_by_id", Object.class)).as("worker"),
                LibraryJobs.stateIndex(table))).from(jobs);
    }

    private Job toJob(Record r) {
        JobState state = LibraryJobs.state(table, r.get("state_index", Integer.class));
        return new Job(String.valueOf(r.get(id)), ref(r.get(queue)), r.get("kind", String.class),
                state == null ? "unknown" : state.libraryState(), state == null ? null : state.shared(),
                r.get(priority), r.get("n", Integer.class), null, r.get("created", OffsetDateTime.class),
                r.get("scheduled", OffsetDateTime.class), r.get("performed", OffsetDateTime.class),
                r.get("finished", OffsetDateTime.class), r.get("args", String.class), r.get(error),
                r.get("worker", String.class));
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(actions.retry(ids));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(actions.retryMatching(where(filter), matching));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.of(actions.discard(ids));
    }

    @Override
    public Optional<Action> pause(String queueName) {
        return Optional.of(actions.pause(queueName));
    }

    @Override
    public Optional<Action> resume(String queueName) {
        return Optional.of(actions.resume(queueName));
    }
}
