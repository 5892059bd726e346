package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The seed's {@code job_queue} (StreamVibe, guide 001) with its {@code job_log}: a text status
 * (pending, processing, completed, failed, cancelled), {@code retry_count} against a retry limit,
 * {@code scheduled_for}, {@code expires_at}. One queue per table: workers take any type by
 * priority. A failed job below the limit is retried by the seed's own sweep, so it counts as
 * retryable; one at its limit is dead.
 *
 * <p>The seed's schema history, all of it in guide 001 ("Database Optimization Strategy"): it has
 * no migrations of its own to cite, only the columns its indexes and queries name, which are the
 * ones detection requires. Beyond them a deployment may have added:
 * <ul>
 * <li>{@code max_retries}: the guide never names it (its sweep, "Auto-Retry Failed Jobs", retries
 *     {@code WHERE status = 'failed' AND retry_count < 3}); where a table has it, each job's own
 *     limit wins, elsewhere the user's {@link DepthSettings#retryLimit()} (3 by default);</li>
 * <li>{@code error_message}: without it a job's errors come from {@code job_log} alone;</li>
 * <li>{@code job_log} ("Job Log Indexes"): without it a job shows its last error_message only.</li>
 * </ul>
 */
public final class SeedJobQueueAdapter extends JobTableAdapter {

    public static final String LIBRARY = "job_queue";

    private final boolean hasLog;
    private final Table<?> jobs;

    /** What a table has beyond the columns the guide names. */
    record Extras(boolean log, boolean maxRetries, boolean errorMessage) {
    }

    SeedJobQueueAdapter(String schema, Extras extras, int retryLimit) {
        super(LIBRARY, schema, describe(jobs(schema), limit(jobs(schema), extras, retryLimit)),
                columns(jobs(schema), limit(jobs(schema), extras, retryLimit), extras));
        this.hasLog = extras.log();
        this.jobs = jobs(schema);
    }

    /**
     * Every schema with the seed's job_queue columns; its job_log, max_retries and error_message
     * are optional. {@code retryLimit} is the limit of a table without max_retries.
     */
    public static List<SeedJobQueueAdapter> detect(DSLContext db, int retryLimit) {
        List<String> logs = QueueCatalog.schemasWithTable(db, "job_log", "job_id", "log_level", "message", "created_at");
        List<String> limits = QueueCatalog.schemasWithTable(db, "job_queue", "max_retries");
        List<String> errors = QueueCatalog.schemasWithTable(db, "job_queue", "error_message");
        return QueueCatalog.schemasWithTable(db, "job_queue", "id", "status", "job_type", "job_priority", "params",
                        "retry_count", "scheduled_for", "expires_at", "started_at", "completed_at", "created_at",
                        "worker_id")
                .stream().map(s -> new SeedJobQueueAdapter(s,
                        new Extras(logs.contains(s), limits.contains(s), errors.contains(s)), retryLimit)).toList();
    }

    private static Field<Integer> limit(Table<?> jobs, Extras extras, int retryLimit) {
        return extras.maxRetries() ? column(jobs, "max_retries", Integer.class) : inline(retryLimit);
    }

    private static Table<?> jobs(String schema) {
        return table(name(schema, "job_queue"));
    }

    private static JobTable describe(Table<?> jobs, Field<Integer> maxRetries) {
        Field<String> status = column(jobs, "status", String.class);
        Field<Integer> retryCount = column(jobs, "retry_count", Integer.class);
        Field<OffsetDateTime> scheduledFor = column(jobs, "scheduled_for", OffsetDateTime.class);
        Field<OffsetDateTime> completedAt = column(jobs, "completed_at", OffsetDateTime.class);
        return new JobTable(jobs, inline(LIBRARY), true, List.of(
                new JobState("pending", SharedState.WAITING, status.eq(inline("pending")).and(scheduledFor.le(now()))),
                new JobState("pending", SharedState.SCHEDULED, status.eq(inline("pending")).and(scheduledFor.gt(now()))),
                new JobState("processing", SharedState.RUNNING, status.eq(inline("processing"))),
                new JobState("failed", SharedState.RETRYABLE, status.eq(inline("failed")).and(retryCount.lt(maxRetries))),
                new JobState("failed", SharedState.DEAD, status.eq(inline("failed")).and(retryCount.ge(maxRetries))),
                new JobState("completed", SharedState.DONE, status.eq(inline("completed"))),
                new JobState("cancelled", SharedState.CANCELLED, status.eq(inline("cancelled")))),
                scheduledFor, column(jobs, "started_at", OffsetDateTime.class), completedAt,
                // completed_at, which the seed's workers set on failure too: the cleanup index covers it
                completedAt,
                status.eq(inline("pending")).and(column(jobs, "expires_at", OffsetDateTime.class).lt(now())));
    }

    private static JobColumns columns(Table<?> jobs, Field<Integer> maxRetries, Extras extras) {
        Field<String> params = QueueSql.text(jobs, "params");
        Field<String> errorMessage = extras.errorMessage() ? column(jobs, "error_message", String.class)
                : inline(null, String.class);
        return new JobColumns(column(jobs, "id", UUID.class), column(jobs, "job_type", String.class),
                column(jobs, "job_priority", Integer.class), column(jobs, "retry_count", Integer.class),
                maxRetries, column(jobs, "created_at", OffsetDateTime.class),
                column(jobs, "scheduled_for", OffsetDateTime.class), column(jobs, "started_at", OffsetDateTime.class),
                column(jobs, "completed_at", OffsetDateTime.class), params, errorMessage,
                column(jobs, "worker_id", String.class), QueueSql.searchable(params, errorMessage));
    }

    @Override
    public List<String> queues(DSLContext db) {
        return List.of(LIBRARY);
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        return new JobDetail(job, errors(db, job), db.select(QueueSql.text(jobs, "result")).from(jobs)
                .where(column(jobs, "id", UUID.class).eq(UUID.fromString(job.id()))).fetchOne(0, String.class));
    }

    /** The job's error and warning lines from job_log; without a log, its last error_message. */
    private List<JobError> errors(DSLContext db, Job job) {
        if (hasLog) {
            Table<?> log = table(name(schema(), "job_log"));
            Field<String> level = column(log, "log_level", String.class);
            List<JobError> lines = db.select(column(log, "created_at", OffsetDateTime.class), column(log, "message", String.class),
                            QueueSql.text(log, "metadata"))
                    .from(log)
                    .where(column(log, "job_id", UUID.class).eq(UUID.fromString(job.id())))
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

    /**
     * Every failed job goes back to pending, at its limit too: River UI and Oban Web retry
     * discarded jobs, and a person who clicks Retry on a dead job means it. Its retry_count
     * stays, as River's JobRetry and Oban's retry_job keep the attempt: a dead job gets one more
     * run, and if it fails again the sweep ({@code retry_count < limit}) leaves it dead, where
     * resetting the count would have the sweep run it three more times unasked.
     */
    @Override
    protected Optional<JobChange> retry() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "status", String.class), inline("pending"));
        set.put(column(jobs, "scheduled_for", OffsetDateTime.class), now());
        set.put(column(jobs, "expires_at", OffsetDateTime.class),
                field("pg_catalog.now() + interval '24 hours'", OffsetDateTime.class));
        set.put(column(jobs, "started_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        set.put(column(jobs, "completed_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        set.put(column(jobs, "worker_id", String.class), inline(null, String.class));
        return Optional.of(new JobChange("Retry", column(jobs, "status", String.class).eq(inline("failed")), update(set),
                "Failed jobs go back to pending and run again when a worker takes them, with a fresh 24-hour"
                        + " expiry; a job at its retry limit keeps its retry_count, so it gets one more run and, if that"
                        + " fails, stays failed. Pending, processing and finished jobs are not touched.",
                Outcome.counted("job", "back to pending")));
    }

    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "status", String.class), inline("cancelled"));
        set.put(column(jobs, "completed_at", OffsetDateTime.class), now());
        return Optional.of(new JobChange("Cancel", column(jobs, "status", String.class).eq(inline("pending")), update(set),
                "Pending jobs become cancelled and no worker takes them; jobs already processing or finished are not"
                        + " touched.", Outcome.counted("job", "cancelled")));
    }
}
