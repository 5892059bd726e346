package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Procrastinate (Python): {@code procrastinate_jobs} with the {@code procrastinate_job_status}
 * enum (todo, doing, succeeded, failed, cancelled, aborting, aborted). A todo job waits, or is
 * scheduled when its scheduled_at is ahead, or is a retry when it has failed attempts. The jobs
 * have no timestamps of their own: when they were deferred, started and finished is in
 * {@code procrastinate_events}, read per job; pages go newest first by id.
 */
public final class ProcrastinateAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Procrastinate";

    ProcrastinateAdapter(String schema) {
        super(LIBRARY, schema, describe(schema), columns(schema));
    }

    /** Procrastinate 2.x and 3.x: the jobs table beside its status enum. */
    public static List<ProcrastinateAdapter> detect(DSLContext db) {
        List<String> withEnum = QueueCatalog.schemasWithEnum(db, "procrastinate_job_status", "todo", "doing",
                "succeeded", "failed");
        return QueueCatalog.schemasWithTable(db, "procrastinate_jobs", "id", "queue_name", "task_name", "status",
                "scheduled_at", "attempts", "queueing_lock").stream().filter(withEnum::contains)
                .map(ProcrastinateAdapter::new).toList();
    }

    private static <T> Field<T> col(String schema, String column, Class<T> type) {
        return field(name(schema, "procrastinate_jobs", column), type);
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return col(schema(), column, type);
    }

    /** Compared with untyped literals so PostgreSQL reads them as the enum and the partial indexes apply. */
    private static Condition is(String schema, String... statuses) {
        return col(schema, "status", String.class).in(Arrays.stream(statuses).map(DSL::inline).toList());
    }

    /** When the job last had one of these events (deferred, started, succeeded...), from procrastinate_events. */
    private static Field<OffsetDateTime> event(String schema, String aggregate, String... types) {
        Table<?> events = table(name(schema, "procrastinate_events")).as("ev");
        Field<OffsetDateTime> at = field(name("ev", "at"), OffsetDateTime.class);
        return field(select(aggregate.equals("min") ? DSL.min(at) : DSL.max(at)).from(events)
                .where(field(name("ev", "job_id"), Long.class).eq(col(schema, "id", Long.class)))
                .and(field("{0}::text", String.class, field(name("ev", "type")))
                        .in(Arrays.stream(types).map(DSL::inline).toList())));
    }

    private static JobTable describe(String schema) {
        Field<OffsetDateTime> scheduledAt = col(schema, "scheduled_at", OffsetDateTime.class);
        Field<Integer> attempts = col(schema, "attempts", Integer.class);
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        Condition ahead = scheduledAt.gt(now);
        Condition todo = is(schema, "todo");
        return new JobTable(table(name(schema, "procrastinate_jobs")), col(schema, "queue_name", String.class), false, List.of(
                new JobState("todo", SharedState.WAITING, todo.and(scheduledAt.isNull().or(scheduledAt.le(now)))),
                new JobState("todo", SharedState.SCHEDULED, todo.and(ahead).and(attempts.eq(inline(0)))),
                new JobState("todo", SharedState.RETRYABLE, todo.and(ahead).and(attempts.gt(inline(0)))),
                new JobState("doing", SharedState.RUNNING, is(schema, "doing")),
                new JobState("aborting", SharedState.RUNNING, is(schema, "aborting")),
                new JobState("succeeded", SharedState.DONE, is(schema, "succeeded")),
                new JobState("failed", SharedState.DEAD, is(schema, "failed")),
                new JobState("cancelled", SharedState.CANCELLED, is(schema, "cancelled")),
                new JobState("aborted", SharedState.CANCELLED, is(schema, "aborted"))),
                DSL.coalesce(scheduledAt, event(schema, "min", "deferred")), event(schema, "max", "started"),
                event(schema, "max", "succeeded", "failed", "cancelled", "aborted"),
                event(schema, "max", "failed", "deferred_for_retry"), DSL.falseCondition());
    }

    /** Procrastinate keeps no error text: the job's failed attempts are its failure events. */
    private static JobColumns columns(String schema) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<String> args = field("{0}::text", String.class, col(schema, "args", Object.class));
        return new JobColumns(id, col(schema, "task_name", String.class), col(schema, "priority", Integer.class),
                col(schema, "attempts", Integer.class), inline(null, Integer.class), event(schema, "min", "deferred"),
                col(schema, "scheduled_at", OffsetDateTime.class), event(schema, "max", "started"),
                event(schema, "max", "succeeded", "failed", "cancelled", "aborted"), args, inline((String) null),
                inline((String) null), QueueSql.searchable(args), List.of(id));
    }

    /** Queues with todo or doing jobs: Procrastinate's partial indexes cover them. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queue = col("queue_name", String.class);
        return db.selectDistinct(queue).from(table.table()).where(is(schema(), "todo", "doing", "aborting"))
                .orderBy(queue).fetch(queue);
    }

    /**
     * Finished and failed attempts per queue from the events of the window ('failed' and
     * 'deferred_for_retry' are failed attempts), rather than one event lookup per finished job.
     */
    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        Table<?> events = table(name(schema(), "procrastinate_events")).as("ev");
        Field<String> queue = col("queue_name", String.class);
        Field<String> type = field("{0}::text", String.class, field(name("ev", "type")));
        Field<Integer> done = DSL.count().filterWhere(type.eq(inline("succeeded"))).as("done");
        Field<Integer> failed = DSL.count().filterWhere(type.in(inline("failed"), inline("deferred_for_retry"))).as("failed");
        Map<String, long[]> byQueue = new HashMap<>();
        db.select(queue, done, failed).from(events).join(table.table())
                .on(col("id", Long.class).eq(field(name("ev", "job_id"), Long.class)))
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
    protected JobDetail detail(DSLContext db, Job job) {
        Field<OffsetDateTime> at = field(name("at"), OffsetDateTime.class);
        Field<String> type = field("{0}::text", String.class, field(name("type")));
        List<JobError> failures = db.select(at, type).from(table(name(schema(), "procrastinate_events")))
                .where(field(name("job_id"), Long.class).eq(Long.parseLong(job.id())))
                .and(type.in(inline("failed"), inline("deferred_for_retry")))
                .orderBy(at, field(name("id")))
                .fetch(r -> new JobError(null, r.value1(), "attempt failed ("
                        + ("failed".equals(r.value2()) ? "final" : "retry scheduled") + ")", null));
        return new JobDetail(job, failures, null);
    }

    /**
     * A failed job goes back to todo, due now, keeping its attempts and its event history. Of
     * failed jobs sharing a queueing lock only the newest returns, and none while a todo job holds
     * that lock: Procrastinate allows one todo job per queueing lock.
     */
    @Override
    protected Optional<JobChange> retry() {
        Table<?> other = table(name(schema(), "procrastinate_jobs")).as("other");
        Field<String> queueingLock = col("queueing_lock", String.class);
        Field<String> otherLock = field(name("other", "queueing_lock"), String.class);
        Field<String> otherStatus = field("{0}::text", String.class, field(name("other", "status")));
        Field<Long> otherId = field(name("other", "id"), Long.class);
        Condition retryable = is(schema(), "failed").and(queueingLock.isNull().or(DSL.notExists(DSL.selectOne().from(other)
                .where(otherLock.eq(queueingLock))
                .and(otherStatus.eq(inline("todo")).or(otherStatus.eq(inline("failed")).and(otherId.gt(col("id", Long.class))))))));
        return Optional.of(new JobChange("Retry", retryable, update(Map.of(status(), statusValue("todo"),
                        col("scheduled_at", OffsetDateTime.class), DSL.currentOffsetDateTime())),
                "Failed jobs go back to todo with scheduled_at now; a worker runs them at once. Their attempts count"
                        + " and event history stay. A failed job whose queueing lock a todo job (or a newer failed job)"
                        + " holds is left alone; waiting, running, succeeded and cancelled jobs are not touched.",
                Outcome.counted("job", "back to todo")));
    }

    /** procrastinate_cancel_job without abort: only todo jobs, which become cancelled. No pause: workers listen to the queues they were started with. */
    @Override
    protected Optional<JobChange> cancel() {
        return Optional.of(new JobChange("Cancel", is(schema(), "todo"), update(Map.of(status(), statusValue("cancelled"))),
                "Todo jobs become cancelled, as procrastinate_cancel_job does without abort; workers never take them."
                        + " Jobs already doing, or finished, are not touched (aborting a running job is for its worker).",
                Outcome.counted("job", "cancelled")));
    }

    private Field<Object> status() {
        return col("status", Object.class);
    }

    private Field<Object> statusValue(String value) {
        return field("{0}::{1}", Object.class, inline(value), name(schema(), "procrastinate_job_status"));
    }
}
