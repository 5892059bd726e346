package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Procrastinate (Python): {@code procrastinate_jobs} with the {@code procrastinate_job_status}
 * enum (todo, doing, succeeded, failed, cancelled, aborting, aborted). A todo job waits, or is
 * scheduled when its scheduled_at is ahead, or is a retry when it has failed attempts. The jobs
 * have no timestamps of their own: when they were deferred, started and finished is in
 * {@code procrastinate_events}, read per job.
 */
public final class ProcrastinateAdapter implements QueueAdapter {

    public static final String LIBRARY = "Procrastinate";

    private final String schema;
    private final Table<?> jobs;
    private final Field<Long> id;
    private final Field<String> queue;
    private final Field<String> task;
    private final Field<String> status;
    private final Field<OffsetDateTime> scheduledAt;
    private final Field<Integer> attempts;
    private final Field<String> queueingLock;
    private final Field<String> args;
    private final JobTable table;
    private final JobTableReader reader;

    ProcrastinateAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "procrastinate_jobs"));
        this.id = col("id", Long.class);
        this.queue = col("queue_name", String.class);
        this.task = col("task_name", String.class);
        // compared with untyped literals so PostgreSQL reads them as the enum and the partial indexes apply
        this.status = col("status", String.class);
        this.scheduledAt = col("scheduled_at", OffsetDateTime.class);
        this.attempts = col("attempts", Integer.class);
        this.queueingLock = col("queueing_lock", String.class);
        this.args = field("{0}::text", String.class, col("args", Object.class));
        this.table = describe();
        this.reader = new JobTableReader(table);
    }

    /** Procrastinate 2.x and 3.x: the jobs table beside its status enum. */
    public static List<ProcrastinateAdapter> detect(DSLContext db) {
        List<String> withEnum = QueueCatalog.schemasWithEnum(db, "procrastinate_job_status", "todo", "doing",
                "succeeded", "failed");
        return QueueCatalog.schemasWithTable(db, "procrastinate_jobs", "id", "queue_name", "task_name", "status",
                "scheduled_at", "attempts", "queueing_lock").stream().filter(withEnum::contains)
                .map(ProcrastinateAdapter::new).toList();
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return field(name(schema, "procrastinate_jobs", column), type);
    }

    private Condition is(String... statuses) {
        return status.in(java.util.Arrays.stream(statuses).map(DSL::inline).toList());
    }

    /** When the job last had one of these events (deferred, started, succeeded...), from procrastinate_events. */
    private Field<OffsetDateTime> event(String aggregate, String... types) {
        Table<?> events = table(name(schema, "procrastinate_events")).as("ev");
        Field<OffsetDateTime> at = field(name("ev", "at"), OffsetDateTime.class);
        return field(select(aggregate.equals("min") ? DSL.min(at) : DSL.max(at)).from(events)
                .where(field(name("ev", "job_id"), Long.class).eq(id))
                .and(field("{0}::text", String.class, field(name("ev", "type")))
                        .in(java.util.Arrays.stream(types).map(DSL::inline).toList())));
    }

    private Field<OffsetDateTime> deferredAt() {
        return event("min", "deferred");
    }

    private JobTable describe() {
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        Condition ahead = scheduledAt.gt(now);
        return new JobTable(jobs, queue, false, List.of(
                new JobState("todo", SharedState.WAITING, is("todo").and(scheduledAt.isNull().or(scheduledAt.le(now)))),
                new JobState("todo", SharedState.SCHEDULED, is("todo").and(ahead).and(attempts.eq(inline(0)))),
                new JobState("todo", SharedState.RETRYABLE, is("todo").and(ahead).and(attempts.gt(inline(0)))),
                new JobState("doing", SharedState.RUNNING, is("doing")),
                new JobState("aborting", SharedState.RUNNING, is("aborting")),
                new JobState("succeeded", SharedState.DONE, is("succeeded")),
                new JobState("failed", SharedState.DEAD, is("failed")),
                new JobState("cancelled", SharedState.CANCELLED, is("cancelled")),
                new JobState("aborted", SharedState.CANCELLED, is("aborted"))),
                DSL.coalesce(scheduledAt, deferredAt()), event("max", "started"),
                event("max", "succeeded", "failed", "cancelled", "aborted"), event("max", "failed", "deferred_for_retry"),
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

    /** Queues with todo or doing jobs: Procrastinate's partial indexes cover them. */
    @Override
    public List<String> queues(DSLContext db) {
        return db.selectDistinct(queue).from(jobs).where(is("todo", "doing", "aborting")).orderBy(queue).fetch(queue);
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), Set.of());
    }

    /**
     * Finished and failed attempts per queue from the events of the window ('failed' and
     * 'deferred_for_retry' are failed attempts), rather than one event lookup per finished job.
     */
    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        Table<?> events = table(name(schema, "procrastinate_events")).as("ev");
        Field<String> type = field("{0}::text", String.class, field(name("ev", "type")));
        Field<Integer> done = DSL.count().filterWhere(type.eq(inline("succeeded"))).as("done");
        Field<Integer> failed = DSL.count().filterWhere(type.in(inline("failed"), inline("deferred_for_retry"))).as("failed");
        Map<String, long[]> byQueue = new HashMap<>();
        db.select(queue, done, failed).from(events).join(jobs).on(id.eq(field(name("ev", "job_id"), Long.class)))
                .where(field(name("ev", "at"), OffsetDateTime.class).ge(JobTableReader.secondsAgo(window)))
                .and(type.in(inline("succeeded"), inline("failed"), inline("deferred_for_retry")))
                .groupBy(queue)
                .fetch()
                .forEach(r -> byQueue.put(r.value1(), new long[] {r.value2(), r.value3()}));
        Set<String> all = new TreeSet<>(queues(db));
        all.addAll(byQueue.keySet());
        List<QueueThroughput> result = new ArrayList<>();
        for (String q : all) {
            long[] n = byQueue.getOrDefault(q, new long[2]);
            result.add(new QueueThroughput(ref(q), window, n[0], n[1]));
        }
        return result;
    }

    @Override
    public JobPage jobs(DSLContext db, JobFilter filter) {
        Condition where = where(filter);
        if (filter.after() != null) {
            where = where.and(id.lt(LibraryJobs.longIds(List.of(filter.after())).get(0)));
        }
        List<Job> page = selectJobs(db).where(where).orderBy(id.desc()).limit(filter.limit() + 1).fetch(this::toJob);
        boolean more = page.size() > filter.limit();
        List<Job> shown = more ? page.subList(0, filter.limit()) : page;
        return new JobPage(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, where(filter), exactBelow);
    }

    /** Procrastinate keeps no error text: the job's failed attempts are its failure events. */
    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        long key = LibraryJobs.longIds(List.of(jobId)).get(0);
        return selectJobs(db).where(id.eq(key)).fetchOptional(this::toJob).map(job -> {
            Field<OffsetDateTime> at = field(name("at"), OffsetDateTime.class);
            Field<String> type = field("{0}::text", String.class, field(name("type")));
            List<JobError> failures = db.select(at, type).from(table(name(schema, "procrastinate_events")))
                    .where(field(name("job_id"), Long.class).eq(key))
                    .and(type.in(inline("failed"), inline("deferred_for_retry")))
                    .orderBy(at, field(name("id")))
                    .fetch(r -> new JobError(null, r.value1(), "attempt failed ("
                            + ("failed".equals(r.value2()) ? "final" : "retry scheduled") + ")", null));
            return new JobDetail(job, failures, null);
        });
    }

    private Condition where(JobFilter filter) {
        return LibraryJobs.matching(table, filter, task, List.of(args));
    }

    private org.jooq.SelectJoinStep<Record> selectJobs(DSLContext db) {
        return db.select(List.of(id, queue, task.as("kind"), col("priority", Integer.class).as("priority"), attempts,
                deferredAt().as("created"), scheduledAt, event("max", "started").as("started"),
                event("max", "succeeded", "failed", "cancelled", "aborted").as("finished"), args.as("args"),
                LibraryJobs.stateIndex(table))).from(jobs);
    }

    private Job toJob(Record r) {
        JobState state = LibraryJobs.state(table, r.get("state_index", Integer.class));
        return new Job(String.valueOf(r.get(id)), ref(r.get(queue)), r.get("kind", String.class),
                state == null ? "unknown" : state.libraryState(), state == null ? null : state.shared(),
                r.get("priority", Integer.class), r.get(attempts), null, r.get("created", OffsetDateTime.class),
                r.get(scheduledAt), r.get("started", OffsetDateTime.class), r.get("finished", OffsetDateTime.class),
                r.get("args", String.class), null, null);
    }

    /**
     * A failed job goes back to todo, due now, keeping its attempts and its event history. Of
     * failed jobs sharing a queueing lock only the newest returns, and none while a todo job holds
     * that lock: Procrastinate allows one todo job per queueing lock.
     */
    private Condition retryable() {
        Table<?> other = table(name(schema, "procrastinate_jobs")).as("other");
        Field<String> otherLock = field(name("other", "queueing_lock"), String.class);
        Field<String> otherStatus = field("{0}::text", String.class, field(name("other", "status")));
        Field<Long> otherId = field(name("other", "id"), Long.class);
        return is("failed").and(queueingLock.isNull().or(DSL.notExists(DSL.selectOne().from(other)
                .where(otherLock.eq(queueingLock))
                .and(otherStatus.eq(inline("todo")).or(otherStatus.eq(inline("failed")).and(otherId.gt(id)))))));
    }

    private Map<Field<?>, Object> backToTodo() {
        return Map.of(col("status", Object.class), field("'todo'::{0}", Object.class, name(schema, "procrastinate_job_status")),
                scheduledAt, DSL.currentOffsetDateTime());
    }

    private static final String RETRY_RISK = "Failed jobs go back to todo with scheduled_at now; a worker runs them"
            + " at once. Their attempts count and event history stay. A failed job whose queueing lock a todo job"
            + " (or a newer failed job) holds is left alone; waiting, running, succeeded and cancelled jobs are not touched.";

    @Override
    public Optional<Action> retry(List<String> ids) {
        Condition eligible = retryable().and(id.in(LibraryJobs.longIds(ids)));
        return Optional.of(new JobsAction("Retry " + ids.size() + " failed Procrastinate " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(JobUpdates.update(jobs, id, eligible, backToTodo())), RETRY_RISK, "back to todo"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(new JobsAction(String.format("Retry %,d failed Procrastinate jobs", matching),
                JobUpdates.batches(jobs, id, retryable().and(where(filter)), backToTodo(), matching), RETRY_RISK,
                "back to todo"));
    }

    /** procrastinate_cancel_job without abort: only todo jobs, which become cancelled. */
    @Override
    public Optional<Action> cancel(List<String> ids) {
        Condition eligible = is("todo").and(id.in(LibraryJobs.longIds(ids)));
        Map<Field<?>, Object> set = Map.of(col("status", Object.class),
                field("'cancelled'::{0}", Object.class, name(schema, "procrastinate_job_status")));
        return Optional.of(new JobsAction("Cancel " + ids.size() + " Procrastinate " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(JobUpdates.update(jobs, id, eligible, set)),
                "Todo jobs become cancelled, as procrastinate_cancel_job does without abort; workers never take them."
                        + " Jobs already doing, or finished, are not touched (aborting a running job is for its worker).",
                "cancelled"));
    }

    /** Procrastinate has no pause: workers are started with the queues they listen to. */
    @Override
    public Optional<Action> pause(String queueName) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queueName) {
        return Optional.empty();
    }
}
