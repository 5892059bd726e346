package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The seed's {@code job_queue} (StreamVibe, guide 001) with its {@code job_log}: a text status
 * (pending, processing, completed, failed, cancelled), {@code retry_count} against
 * {@code max_retries} (3), {@code scheduled_for}, {@code expires_at}. One queue per table:
 * workers take any type by priority. A failed job with retries left is retried by the seed's
 * own five-minute sweep, so it counts as retryable; one at its limit is dead.
 */
public final class SeedJobQueueAdapter implements QueueAdapter {

    public static final String LIBRARY = "job_queue";

    private final String schema;
    private final boolean hasLog;
    private final Table<?> jobs;
    private final Field<java.util.UUID> id;
    private final Field<String> status;
    private final Field<Integer> retryCount;
    private final Field<Integer> maxRetries;
    private final Field<String> errorMessage;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    public SeedJobQueueAdapter(String schema, boolean hasLog) {
        this.schema = schema;
        this.hasLog = hasLog;
        this.jobs = table(name(schema, "job_queue"));
        this.id = column(jobs, "id", java.util.UUID.class);
        this.status = column(jobs, "status", String.class);
        this.retryCount = column(jobs, "retry_count", Integer.class);
        this.maxRetries = column(jobs, "max_retries", Integer.class);
        this.errorMessage = column(jobs, "error_message", String.class);
        Field<OffsetDateTime> scheduledFor = column(jobs, "scheduled_for", OffsetDateTime.class);
        Field<OffsetDateTime> completedAt = column(jobs, "completed_at", OffsetDateTime.class);
        Field<OffsetDateTime> updatedAt = column(jobs, "updated_at", OffsetDateTime.class);
        this.table = new JobTable(jobs, inline(LIBRARY), true, List.of(
                new JobState("pending", SharedState.WAITING, status.eq(inline("pending")).and(scheduledFor.le(now()))),
                new JobState("pending", SharedState.SCHEDULED, status.eq(inline("pending")).and(scheduledFor.gt(now()))),
                new JobState("processing", SharedState.RUNNING, status.eq(inline("processing"))),
                new JobState("failed", SharedState.RETRYABLE, status.eq(inline("failed")).and(retryCount.lt(maxRetries))),
                new JobState("failed", SharedState.DEAD, status.eq(inline("failed")).and(retryCount.ge(maxRetries))),
                new JobState("completed", SharedState.DONE, status.eq(inline("completed"))),
                new JobState("cancelled", SharedState.CANCELLED, status.eq(inline("cancelled")))),
                scheduledFor, column(jobs, "started_at", OffsetDateTime.class), completedAt,
                DSL.coalesce(completedAt, updatedAt),
                status.eq(inline("pending")).and(column(jobs, "expires_at", OffsetDateTime.class).lt(now())));
        Field<String> params = QueueSql.text(jobs, "params");
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id, column(jobs, "job_type", String.class),
                column(jobs, "job_priority", Integer.class), retryCount, maxRetries,
                column(jobs, "created_at", OffsetDateTime.class), scheduledFor,
                column(jobs, "started_at", OffsetDateTime.class), completedAt, params, errorMessage,
                column(jobs, "worker_id", String.class), QueueSql.searchable(params, errorMessage)));
    }

    /** Every schema with the seed's job_queue columns; its job_log is optional. */
    public static List<SeedJobQueueAdapter> detect(DSLContext db) {
        List<String> logs = QueueCatalog.schemasWithTable(db, "job_log", "job_id", "log_level", "message", "created_at");
        return QueueCatalog.schemasWithTable(db, "job_queue", "id", "status", "job_type", "job_priority", "params",
                        "retry_count", "max_retries", "scheduled_for", "expires_at", "started_at", "worker_id")
                .stream().map(s -> new SeedJobQueueAdapter(s, logs.contains(s))).toList();
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
        return List.of(LIBRARY);
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), Set.of());
    }

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

    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return browser.find(db, jobId, this).map(job -> new JobDetail(job, errors(db, job),
                db.select(QueueSql.text(jobs, "result")).from(jobs).where(id.eq(java.util.UUID.fromString(job.id())))
                        .fetchOne(0, String.class)));
    }

    /** The job's error and warning lines from job_log; without a log, its last error_message. */
    private List<JobError> errors(DSLContext db, Job job) {
        if (hasLog) {
            Table<?> log = table(name(schema, "job_log"));
            Field<String> level = column(log, "log_level", String.class);
            List<JobError> lines = db.select(column(log, "created_at", OffsetDateTime.class), column(log, "message", String.class),
                            QueueSql.text(log, "metadata"))
                    .from(log)
                    .where(column(log, "job_id", java.util.UUID.class).eq(java.util.UUID.fromString(job.id())))
                    .and(level.in(inline("error"), inline("warning")))
                    .orderBy(column(log, "created_at", OffsetDateTime.class), column(log, "id", Long.class))
                    .fetch(r -> new JobError(null, r.value1(), r.value2(), r.value3()));
            if (!lines.isEmpty()) {
                return lines;
            }
        }
        return job.lastError() == null ? List.of()
                : List.of(new JobError(job.attempt(), job.finishedAt(), job.lastError(), null));
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        Condition eligible = id.in(browser.ids(ids)).and(retryable());
        return Optional.of(new JobsAction("Retry " + jobs(ids.size()) + " of " + where(),
                List.of(JobUpdates.update(jobs, id, eligible, backToPending())), RETRY_RISK, "back to pending"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        Condition eligible = browser.where(filter).and(retryable());
        return Optional.of(new JobsAction("Retry " + jobs(matching) + " matching the filter in " + where(),
                JobUpdates.batches(jobs, id, eligible, backToPending(), matching), RETRY_RISK, "back to pending"));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(status, inline("cancelled"));
        set.put(column(jobs, "completed_at", OffsetDateTime.class), now());
        Condition eligible = id.in(browser.ids(ids)).and(status.eq(inline("pending")));
        return Optional.of(new JobsAction("Cancel " + jobs(ids.size()) + " of " + where(),
                List.of(JobUpdates.update(jobs, id, eligible, set)),
                "Pending jobs become cancelled and no worker takes them; jobs already processing or finished are not touched.",
                "cancelled"));
    }

    @Override
    public Optional<Action> pause(String queue) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queue) {
        return Optional.empty();
    }

    private static final String RETRY_RISK = "Failed jobs with retries left go back to pending and run again when a"
            + " worker takes them, with a fresh 24-hour expiry; jobs at their retry limit, and pending, processing"
            + " or finished jobs, are not touched.";

    /** The seed's rule: failed, and below its retry limit. */
    private Condition retryable() {
        return status.eq(inline("failed")).and(retryCount.lt(maxRetries));
    }

    private Map<Field<?>, Object> backToPending() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(status, inline("pending"));
        set.put(column(jobs, "scheduled_for", OffsetDateTime.class), now());
        set.put(column(jobs, "expires_at", OffsetDateTime.class), field("pg_catalog.now() + interval '24 hours'", OffsetDateTime.class));
        set.put(column(jobs, "started_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        set.put(column(jobs, "completed_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        set.put(column(jobs, "worker_id", String.class), inline(null, String.class));
        return set;
    }

    private String where() {
        return schema + ".job_queue";
    }

    static String jobs(long n) {
        return String.format("%,d %s", n, n == 1 ? "job" : "jobs");
    }
}
