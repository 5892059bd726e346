package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Sql;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Procrastinate (Python): {@code procrastinate_jobs} with the {@code procrastinate_job_status}
 * enum. A todo job waits, or is scheduled when its scheduled_at is ahead, or is a retry when it
 * has failed attempts. The jobs have no timestamps of their own: when they were deferred,
 * started and finished is in {@code procrastinate_events}, read per job; pages go newest first
 * by id. Retry, cancel and delete call the library's own functions where the installation has
 * them, as its manager does (procrastinate/manager.py: retry_job_by_id, cancel_job_by_id).
 *
 * <p>What exists by release (procrastinate/sql/migrations/, the one place pgdeck keeps it):
 * <ul>
 * <li>2.0.0: the jobs table without priority, statuses todo, doing, succeeded, failed;
 *     {@code procrastinate_retry_job(job_id, retry_at)} moves a doing job back to todo and adds
 *     an attempt; there is no cancel.
 * <li>02.00.03_01_add_job_priority (2.0.3): the priority column.
 * <li>02.06.00_01_add_cancel_states (2.6.0): statuses cancelled, aborting, aborted and
 *     {@code procrastinate_cancel_job(job_id, abort, delete_job)}.
 * <li>03.00.00_01_pre_cancel_notification (3.0.0): the functions renamed with a _v1 suffix
 *     ({@code procrastinate_cancel_job_v1}, {@code procrastinate_retry_job_v1}); an abort is the
 *     abort_requested column on a doing job, 'aborting' stays in the enum unused.
 * <li>03.04.00_01_pre_add_retry_failed_job_procedure (3.4.0):
 *     {@code procrastinate_retry_job_v2}, which also moves a failed job back to todo, adding an
 *     attempt: the first function that retries a failed job. Before it the library's own retry
 *     (the shell's {@code retry}, manager.retry_job_by_id) raises on a failed job, so pgdeck has
 *     no retry there either.
 * </ul>
 */
public final class ProcrastinateAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Procrastinate";
    private static final List<String> STATUSES = List.of("todo", "doing", "aborting", "succeeded", "failed", "cancelled",
            "aborted");
    private static final String RETRY_FAILED = "procrastinate_retry_job_v2";

    private final String cancelFunction;
    private final boolean retriesFailed;

    /**
     * @param statuses the enum's labels in this installation
     * @param hasPriority whether the priority column exists (2.0.3)
     * @param cancelFunction procrastinate_cancel_job_v1 or procrastinate_cancel_job; null before 2.6
     * @param retriesFailed whether procrastinate_retry_job_v2 exists (3.4)
     */
    ProcrastinateAdapter(String schema, Set<String> statuses, boolean hasPriority, String cancelFunction,
            boolean retriesFailed) {
        super(LIBRARY, schema, describe(schema, statuses), columns(schema, hasPriority));
        this.cancelFunction = cancelFunction;
        this.retriesFailed = retriesFailed;
    }

    /** Procrastinate 2.0 and later: the jobs table beside its status enum. */
    public static List<ProcrastinateAdapter> detect(DSLContext db) {
        List<String> withEnum = QueueCatalog.schemasWithEnum(db, "procrastinate_job_status", "todo", "doing",
                "succeeded", "failed");
        List<String> withPriority = QueueCatalog.schemasWithTable(db, "procrastinate_jobs", "priority");
        return QueueCatalog.schemasWithTable(db, "procrastinate_jobs", "id", "queue_name", "task_name", "status",
                "scheduled_at", "attempts", "queueing_lock").stream().filter(withEnum::contains)
                .map(s -> new ProcrastinateAdapter(s, Set.copyOf(QueueCatalog.enumLabels(db, s, "procrastinate_job_status")),
                        withPriority.contains(s), Stream.of("procrastinate_cancel_job_v1", "procrastinate_cancel_job")
                                .filter(f -> QueueCatalog.hasFunction(db, s, f)).findFirst().orElse(null),
                        QueueCatalog.hasFunction(db, s, RETRY_FAILED)))
                .toList();
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

    /** Jobs in those of the statuses the installation's enum has: a literal it lacks would fail the query. */
    private Condition installed(String... statuses) {
        return is(schema(), Arrays.stream(statuses).filter(table.libraryStates()::contains).toArray(String[]::new));
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

    private static JobTable describe(String schema, Set<String> installed) {
        Field<OffsetDateTime> scheduledAt = col(schema, "scheduled_at", OffsetDateTime.class);
        Field<Integer> attempts = col(schema, "attempts", Integer.class);
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        Condition ahead = scheduledAt.gt(now);
        Condition todo = is(schema, "todo");
        List<JobState> states = new ArrayList<>(List.of(
                new JobState("todo", SharedState.WAITING, todo.and(scheduledAt.isNull().or(scheduledAt.le(now)))),
                new JobState("todo", SharedState.SCHEDULED, todo.and(ahead).and(attempts.eq(inline(0)))),
                new JobState("todo", SharedState.RETRYABLE, todo.and(ahead).and(attempts.gt(inline(0))))));
        // a literal the enum lacks (cancelled before 2.6) would fail every query
        states.addAll(JobTable.statesOf(col(schema, "status", String.class), STATUSES.subList(1, STATUSES.size()),
                ProcrastinateAdapter::shared, installed));
        return new JobTable(table(name(schema, "procrastinate_jobs")), col(schema, "queue_name", String.class), false,
                states, DSL.coalesce(scheduledAt, event(schema, "min", "deferred")), event(schema, "max", "started"),
                event(schema, "max", "succeeded", "failed", "cancelled", "aborted"),
                event(schema, "max", "failed", "deferred_for_retry"), DSL.falseCondition());
    }

    private static SharedState shared(String status) {
        return switch (status) {
            case "doing", "aborting" -> SharedState.RUNNING;
            case "succeeded" -> SharedState.DONE;
            case "failed" -> SharedState.DEAD;
            default -> SharedState.CANCELLED;
        };
    }

    /** Procrastinate keeps no error text: the job's failed attempts are its failure events. */
    private static JobColumns columns(String schema, boolean hasPriority) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<String> args = field("{0}::text", String.class, col(schema, "args", Object.class));
        return new JobColumns(id, col(schema, "task_name", String.class),
                hasPriority ? col(schema, "priority", Integer.class) : inline(null, Integer.class),
                col(schema, "attempts", Integer.class), inline(null, Integer.class), event(schema, "min", "deferred"),
                col(schema, "scheduled_at", OffsetDateTime.class), event(schema, "max", "started"),
                event(schema, "max", "succeeded", "failed", "cancelled", "aborted"), args, inline((String) null),
                inline((String) null), QueueSql.searchable(args), List.of(id));
    }

    /** Queues with todo or doing jobs: Procrastinate's partial indexes cover them. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queue = col("queue_name", String.class);
        return db.selectDistinct(queue).from(table.table()).where(installed("todo", "doing", "aborting"))
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
     * procrastinate_retry_job_v2(job_id, now, NULL, NULL, NULL) for each failed job, as the
     * shell's retry calls it (procrastinate/shell.py do_retry, manager.retry_job_by_id_async): the
     * job goes back to todo, due now, with one more attempt. A failed job whose queueing lock a
     * todo job holds is left alone (the library's unique index would refuse it), and of failed
     * jobs sharing a lock only the newest returns.
     */
    @Override
    protected Optional<JobChange> retry() {
        if (!retriesFailed) {
            return Optional.empty();
        }
        Table<?> other = table(name(schema(), "procrastinate_jobs")).as("other");
        Field<String> queueingLock = col("queueing_lock", String.class);
        Field<String> otherLock = field(name("other", "queueing_lock"), String.class);
        Field<String> otherStatus = field("{0}::text", String.class, field(name("other", "status")));
        Field<Long> otherId = field(name("other", "id"), Long.class);
        Condition retryable = is(schema(), "failed").and(queueingLock.isNull().or(DSL.notExists(DSL.selectOne().from(other)
                .where(otherLock.eq(queueingLock))
                .and(otherStatus.eq(inline("todo")).or(otherStatus.eq(inline("failed")).and(otherId.gt(col("id", Long.class))))))));
        return Optional.of(new JobChange("Retry", retryable, calling(job -> field(
                        "{0}({1}, pg_catalog.now(), NULL::integer, NULL::varchar, NULL::varchar)", Object.class,
                        name(schema(), RETRY_FAILED), job)),
                "Failed jobs go back to todo, due now, through procrastinate_retry_job_v2 as Procrastinate's own"
                        + " retry does: each gets one more attempt and a 'retried' event. A failed job whose queueing"
                        + " lock a todo job (or a newer failed job) holds is left alone; waiting, running, succeeded"
                        + " and cancelled jobs are not touched.",
                Outcome.counted("job", "back to todo")));
    }

    /**
     * The library's cancel without abort, as manager.cancel_job_by_id(job_id) calls it: only todo
     * jobs, which become cancelled. No pause: workers listen to the queues they were started with.
     */
    @Override
    protected Optional<JobChange> cancel() {
        return Optional.ofNullable(cancelFunction).map(function -> new JobChange("Cancel", is(schema(), "todo"),
                calling(job -> cancelJob(job, false)),
                "Todo jobs become cancelled through " + function + " without abort, as Procrastinate's own cancel"
                        + " does; workers never take them. Jobs already doing, or finished, are not touched"
                        + " (aborting a running job is for its worker).",
                Outcome.counted("job", "cancelled")));
    }

    /**
     * A todo job is deleted by the library's cancel with delete_job (cancel_job_by_id(job_id,
     * delete_job=True)); a finished one as the library's purge deletes it (queries.sql
     * delete_old_jobs, run by manager.delete_old_jobs and the builtin remove_old_jobs task): a
     * DELETE whose events go with it (ON DELETE CASCADE). A doing job is never touched.
     */
    @Override
    protected Optional<JobChange> delete() {
        Condition finished = installed(STATUSES.subList(3, STATUSES.size()).toArray(String[]::new));
        if (cancelFunction == null) {
            return Optional.of(new JobChange("Delete", finished, JobStatement.delete(table.table(), col("id", Long.class)),
                    "Finished jobs are deleted with their events, as Procrastinate's delete_old_jobs deletes them;"
                            + " this version has no function to delete a todo job, so todo and doing jobs are not touched.",
                    Outcome.counted("job", "deleted")));
        }
        return Optional.of(new JobChange("Delete", finished.or(is(schema(), "todo")), this::deleting,
                "Todo jobs are deleted through " + cancelFunction + " with delete_job, finished jobs as Procrastinate's"
                        + " delete_old_jobs deletes them, each with its events. A doing job is not touched.",
                Outcome.counted("job", "deleted")));
    }

    /** Todo rows through the cancel function, the other picked rows by a DELETE, in one statement. */
    private String deleting(Condition which, int limit) {
        Field<Long> id = col("id", Long.class);
        Field<Long> pickedId = field(name("picked", "id"), Long.class);
        Field<String> pickedStatus = field(name("picked", "status"), String.class);
        var picked = select(id.as("id"), col("status", String.class).cast(String.class).as("status"))
                .from(table.table()).where(which).orderBy(id);
        var cancelled = select(cancelJob(pickedId, true).as("id")).from(table(name("picked")))
                .where(pickedStatus.eq(inline("todo")));
        var deleted = DSL.deleteFrom(table.table()).where(id.in(select(pickedId).from(table(name("picked")))
                .where(pickedStatus.ne(inline("todo"))))).returning(id);
        return "WITH picked AS (" + Sql.render((limit == JobStatement.ALL ? picked.forUpdate()
                : picked.limit(limit).forUpdate()).skipLocked()) + "), cancelled AS (" + Sql.render(cancelled)
                + "), deleted AS (" + Sql.render(deleted) + ") SELECT (SELECT count(*) FROM cancelled)"
                + " + (SELECT count(*) FROM deleted)";
    }

    private Field<Object> cancelJob(Field<?> job, boolean delete) {
        return field("{0}({1}, false, {2})", Object.class, name(schema(), cancelFunction), job, inline(delete));
    }

    private JobStatement calling(Function<Field<Object>, Field<?>> function) {
        return JobStatement.calling(table.table(), col("id", Long.class), function);
    }
}
