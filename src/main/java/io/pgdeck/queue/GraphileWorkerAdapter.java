package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.Sql;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Graphile Worker (Node.js, v0.14 and later): {@code _private_jobs} with {@code _private_tasks}
 * and {@code _private_job_queues}. There is no state column: a job is locked (running), has
 * attempts left (retrying) or none (failed), and is deleted when it succeeds, so nobody can count
 * finished jobs. Changes go through Graphile's own functions, which skip locked jobs:
 * {@code reschedule_jobs(..., attempts := 0)} to retry, {@code permanently_fail_jobs} to cancel.
 */
public final class GraphileWorkerAdapter implements QueueAdapter {

    public static final String LIBRARY = "Graphile Worker";
    /** Jobs with no named queue run in parallel; the screen lists them as one queue. */
    public static final String NO_QUEUE = "(no queue)";
    static final String CANCEL_MESSAGE = "Cancelled with pgdeck";

    private final String schema;
    private final Table<?> jobs;
    private final Table<?> queueTable;
    private final Field<Long> id;
    private final Field<Integer> attempts;
    private final Field<Integer> maxAttempts;
    private final Field<OffsetDateTime> lockedAt;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    public GraphileWorkerAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "_private_jobs"));
        Table<?> tasks = table(name(schema, "_private_tasks"));
        this.queueTable = table(name(schema, "_private_job_queues"));
        this.id = column(jobs, "id", Long.class);
        this.attempts = column(jobs, "attempts", Integer.class);
        this.maxAttempts = column(jobs, "max_attempts", Integer.class);
        this.lockedAt = column(jobs, "locked_at", OffsetDateTime.class);
        Field<OffsetDateTime> runAt = column(jobs, "run_at", OffsetDateTime.class);
        Field<OffsetDateTime> updatedAt = column(jobs, "updated_at", OffsetDateTime.class);
        Condition unlocked = lockedAt.isNull();
        Table<?> joined = jobs
                .join(tasks).on(column(tasks, "id", Integer.class).eq(column(jobs, "task_id", Integer.class)))
                .leftJoin(queueTable).on(column(queueTable, "id", Integer.class).eq(column(jobs, "job_queue_id", Integer.class)));
        Field<String> queue = DSL.coalesce(column(queueTable, "queue_name", String.class), inline(NO_QUEUE));
        this.table = new JobTable(joined, queue, false, List.of(
                new JobState("waiting", SharedState.WAITING, unlocked.and(attempts.eq(inline(0))).and(runAt.le(now()))),
                new JobState("scheduled", SharedState.SCHEDULED, unlocked.and(attempts.eq(inline(0))).and(runAt.gt(now()))),
                new JobState("locked", SharedState.RUNNING, lockedAt.isNotNull()),
                new JobState("retrying", SharedState.RETRYABLE,
                        unlocked.and(attempts.gt(inline(0))).and(attempts.lt(maxAttempts))),
                new JobState("failed", SharedState.DEAD, unlocked.and(attempts.ge(maxAttempts)))),
                runAt, lockedAt, null, updatedAt, DSL.falseCondition());
        Field<String> payload = QueueSql.text(jobs, "payload");
        Field<String> lastError = column(jobs, "last_error", String.class);
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id, column(tasks, "identifier", String.class),
                column(jobs, "priority", Integer.class), attempts, maxAttempts,
                column(jobs, "created_at", OffsetDateTime.class), runAt, lockedAt, inline(null, OffsetDateTime.class),
                payload, lastError, column(jobs, "locked_by", String.class), QueueSql.searchable(payload, lastError)));
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

    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queueName = column(queueTable, "queue_name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), Set.of());
    }

    /** Successful jobs are deleted: only failures can be counted, from updated_at. */
    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        return reader.throughput(db, window, this, queues(db));
    }

    @Override
    public JobPage jobs(DSLContext db, JobFilter filter) {
        return browser.page(db, filter, this);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, browser.where(filter), exactBelow);
    }

    /** Graphile keeps only the last error, with the time it was recorded. */
    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return browser.find(db, jobId, this).map(job -> {
            List<JobError> errors = new ArrayList<>();
            if (job.lastError() != null) {
                OffsetDateTime at = db.select(column(jobs, "updated_at", OffsetDateTime.class)).from(jobs)
                        .where(id.eq(Long.parseLong(job.id()))).fetchOne(0, OffsetDateTime.class);
                errors.add(new JobError(job.attempt(), at, job.lastError(), null));
            }
            return new JobDetail(job, errors, null);
        });
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(ids.size()) + " in Graphile Worker (" + schema + ")",
                List.of(reschedule(select(id).from(jobs).where(id.in(browser.ids(ids))).and(failedOnce()))),
                RETRY_RISK, "rescheduled with attempts reset"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        String batch = reschedule(select(id).from(table.table()).where(browser.where(filter)).and(failedOnce())
                .limit(JobUpdates.BATCH));
        List<String> statements = new ArrayList<>();
        for (long i = 0; i <= matching / JobUpdates.BATCH; i++) {
            statements.add(batch);
        }
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(matching) + " matching the filter in Graphile"
                + " Worker (" + schema + ")", statements, RETRY_RISK, "rescheduled with attempts reset"));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        Field<Object> call = field("{0}(ARRAY({1}), {2})", Object.class, name(schema, "permanently_fail_jobs"),
                select(id).from(jobs).where(id.in(browser.ids(ids))).and(lockedAt.isNull()).and(attempts.eq(inline(0))),
                inline(CANCEL_MESSAGE));
        return Optional.of(new JobsAction("Cancel " + SeedJobQueueAdapter.jobs(ids.size()) + " in Graphile Worker (" + schema + ")",
                List.of("SELECT count(*) FROM " + Sql.render(call)),
                "Jobs not yet tried are marked permanently failed with the error '" + CANCEL_MESSAGE + "' through"
                        + " Graphile's permanently_fail_jobs, so no worker runs them; locked and retried jobs are not touched.",
                "cancelled (permanently failed)"));
    }

    @Override
    public Optional<Action> pause(String queue) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queue) {
        return Optional.empty();
    }

    private static final String RETRY_RISK = "Jobs that failed at least once (retrying or permanently failed) run"
            + " again now with their attempts reset to 0, through Graphile's reschedule_jobs; locked jobs and jobs not"
            + " yet tried are not touched.";

    /** Unlocked and failed at least once: reschedule_jobs resets attempts, so a second run finds none. */
    private Condition failedOnce() {
        return lockedAt.isNull().and(attempts.gt(inline(0)));
    }

    private String reschedule(org.jooq.Select<?> ids) {
        Field<Object> call = field("{0}(ARRAY({1}), run_at := pg_catalog.now(), attempts := 0)", Object.class,
                name(schema, "reschedule_jobs"), ids);
        return "SELECT count(*) FROM " + Sql.render(call);
    }
}
