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
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * pg-boss 10 to 12 (Node.js): {@code job} partitioned by queue name, {@code queue}, enum
 * {@code job_state} (created, retry, active, completed, cancelled, failed), {@code retry_count}
 * against {@code retry_limit}, {@code start_after}, and the last error in {@code output}. A queue
 * is a job name. pg-boss has no queue pause (none of 10.4.2, 11.1.2, 12.38.0 has one). Delete is
 * {@link JobTableAdapter}'s plain DELETE by id, as plans.js deleteJobs (deleteJobsById from 11)
 * does, but never of an active job; 12.38.0 also lowers the queue's cached retained_count, which
 * its monitor recounts.
 *
 * <p>The schema's history, by the number pg-boss keeps in {@code <schema>.version} (from each
 * release's plans.js and migrationStore.js):
 * <ul>
 * <li>24 (10.x): {@code expire_in interval}; a partition per queue, made by {@code create_queue}.
 * <li>25 (11.0.0, a new schema: its migrationStore has no step from 24): {@code expire_in} became
 *     {@code expire_seconds int}; {@code deletion_seconds}, {@code retry_delay_max}; the default
 *     partition {@code job_common}.
 * <li>26 (11.1.0): index {@code job_i6} for the exclusive policy. Nothing pgdeck reads.
 * <li>31 (12.19.0): {@code blocked}, {@code blocking}, {@code pending_dependencies}: a blocked job
 *     waits for its parents and fetchNextJob skips it ({@code NOT blocked}).
 * <li>37 (12.26.0): retryJobs also clears {@code completed_on}; up to 12.25.1 (36) it retried as
 *     10 and 11 do.
 * <li>46 (12.38.0, the next published after 12.35.0): retryJobs also moves {@code start_after} up
 *     to {@code job_now()}.
 * </ul>
 */
public final class PgBossAdapter extends JobTableAdapter {

    public static final String LIBRARY = "pg-boss";
    private static final int EXPIRE_SECONDS = 25;
    private static final int FLOWS = 31;
    private static final int RETRY_CLEARS_COMPLETION = 37;
    private static final int RETRY_NOT_BEFORE_NOW = 46;

    private final Table<?> jobs;
    private final Table<?> queueTable;
    private final int version;

    PgBossAdapter(String schema, int version) {
        super(LIBRARY, schema, describe(jobs(schema), version), columns(jobs(schema)));
        this.jobs = jobs(schema);
        this.queueTable = table(name(schema, "queue"));
        this.version = version;
    }

    /** Every schema with pg-boss's job, queue and version tables and its job_state enum, at the version it holds. */
    public static List<PgBossAdapter> detect(DSLContext db) {
        List<String> enums = QueueCatalog.schemasWithEnum(db, "job_state", "created", "retry", "active", "completed",
                "cancelled", "failed");
        List<String> queues = QueueCatalog.schemasWithTable(db, "queue", "name", "policy", "retry_limit");
        List<String> versions = QueueCatalog.schemasWithTable(db, "version", "version");
        return QueueCatalog.schemasWithTable(db, "job", "id", "name", "priority", "data", "state", "retry_limit",
                        "retry_count", "start_after", "started_on", "created_on", "completed_on", "output").stream()
                .filter(s -> enums.contains(s) && queues.contains(s) && versions.contains(s))
                .map(s -> new PgBossAdapter(s, version(db, s)))
                .toList();
    }

    private static int version(DSLContext db, String schema) {
        Table<?> version = table(name(schema, "version"));
        Integer v = db.select(DSL.max(column(version, "version", Integer.class))).from(version).fetchOne(0, Integer.class);
        return v == null ? 0 : v;
    }

    private static Table<?> jobs(String schema) {
        return table(name(schema, "job"));
    }

    private static JobTable describe(Table<?> jobs, int version) {
        Field<String> state = column(jobs, "state", String.class);
        Field<OffsetDateTime> startAfter = column(jobs, "start_after", OffsetDateTime.class);
        Field<OffsetDateTime> startedOn = column(jobs, "started_on", OffsetDateTime.class);
        Field<OffsetDateTime> completedOn = column(jobs, "completed_on", OffsetDateTime.class);
        Condition created = state.eq(inline("created"));
        Condition runnable = version >= FLOWS ? startAfter.le(now()).and(column(jobs, "blocked", Boolean.class).isFalse())
                : startAfter.le(now());
        Field<OffsetDateTime> expiresAt = version >= EXPIRE_SECONDS
                ? field("{0} + {1} * interval '1 second'", OffsetDateTime.class, startedOn,
                        field(jobs.getQualifiedName().append("expire_seconds")))
                : field("{0} + {1}", OffsetDateTime.class, startedOn, field(jobs.getQualifiedName().append("expire_in")));
        return new JobTable(jobs, column(jobs, "name", String.class), false, List.of(
                new JobState("created", SharedState.WAITING, created.and(runnable)),
                new JobState("created", SharedState.SCHEDULED, created.andNot(runnable)),
                new JobState("retry", SharedState.RETRYABLE, state.eq(inline("retry"))),
                new JobState("active", SharedState.RUNNING, state.eq(inline("active"))),
                new JobState("completed", SharedState.DONE, state.eq(inline("completed"))),
                new JobState("cancelled", SharedState.CANCELLED, state.eq(inline("cancelled"))),
                new JobState("failed", SharedState.DEAD, state.eq(inline("failed")))),
                startAfter, startedOn, completedOn, DSL.coalesce(completedOn, startedOn),
                state.eq(inline("active")).and(expiresAt.lt(now())));
    }

    private static JobColumns columns(Table<?> jobs) {
        Field<String> state = column(jobs, "state", String.class);
        Field<String> data = QueueSql.text(jobs, "data");
        Field<String> output = QueueSql.text(jobs, "output");
        Field<String> lastError = DSL.when(state.in(inline("retry"), inline("failed")),
                DSL.coalesce(field("{0} ->> 'message'", String.class, field(jobs.getQualifiedName().append("output"))), output));
        return new JobColumns(column(jobs, "id", UUID.class), column(jobs, "name", String.class),
                column(jobs, "priority", Integer.class), column(jobs, "retry_count", Integer.class),
                column(jobs, "retry_limit", Integer.class), column(jobs, "created_on", OffsetDateTime.class),
                column(jobs, "start_after", OffsetDateTime.class), column(jobs, "started_on", OffsetDateTime.class),
                column(jobs, "completed_on", OffsetDateTime.class), data, lastError, inline((String) null),
                QueueSql.searchable(data, output));
    }

    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queueName = column(queueTable, "name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
    }

    /** pg-boss keeps only the latest error, in output. */
    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        var r = db.select(QueueSql.text(jobs, "output"),
                        field("{0} ->> 'stack'", String.class, field(jobs.getQualifiedName().append("output"))))
                .from(jobs).where(column(jobs, "id", UUID.class).eq(UUID.fromString(job.id()))).fetchOne();
        List<JobError> errors = job.lastError() == null ? List.of()
                : List.of(new JobError(job.attempt(), job.finishedAt() != null ? job.finishedAt() : job.startedAt(),
                        job.lastError(), r == null ? null : r.value2()));
        return new JobDetail(job, errors, r == null ? null : r.value1());
    }

    /** plans.js retryJobs: failed jobs go to retry with one more retry allowed; fetchNextJob then runs them once. */
    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> retryLimit = column(jobs, "retry_limit", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("retry"));
        set.put(retryLimit, retryLimit.plus(inline(1)));
        if (version >= RETRY_CLEARS_COMPLETION) {
            set.put(column(jobs, "completed_on", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        }
        if (version >= RETRY_NOT_BEFORE_NOW) {
            Field<OffsetDateTime> startAfter = column(jobs, "start_after", OffsetDateTime.class);
            set.put(startAfter, DSL.greatest(startAfter, now()));
        }
        return Optional.of(new JobChange("Retry", table.inLibraryState("failed"), update(set),
                "Failed jobs go to state retry with one more retry allowed (retry_limit + 1), as pg-boss's retry()"
                        + " does, and a worker fetches each once; created, retry, active, completed and cancelled"
                        + " jobs are not touched.", Outcome.counted("job", "set to retry")));
    }

    /**
     * plans.js cancelJobs, narrowed to jobs not started: pg-boss's own cancel() also marks active
     * jobs cancelled under their worker, which pgdeck never does.
     */
    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
        set.put(column(jobs, "completed_on", OffsetDateTime.class), now());
        return Optional.of(new JobChange("Cancel",
                column(jobs, "state", String.class).in(inline("created"), inline("retry")), update(set),
                "Created and retry jobs become cancelled, as pg-boss's cancel() leaves them, and no worker fetches"
                        + " them; active and finished jobs are not touched.", Outcome.counted("job", "cancelled")));
    }
}
