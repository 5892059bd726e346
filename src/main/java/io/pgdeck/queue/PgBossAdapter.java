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
import org.jooq.impl.DSL;

/**
 * pg-boss v10 and later (Node.js): {@code job} partitioned by queue name, {@code queue}, enum
 * {@code job_state} (created, retry, active, completed, cancelled, failed), {@code retry_count}
 * against {@code retry_limit}, {@code start_after}, {@code expire_in}, and the last error in
 * {@code output}. A queue is a job name. A retry does what pg-boss's {@code retry()} does:
 * failed jobs go to state retry with {@code retry_limit + 1}. pg-boss has no pause.
 */
public final class PgBossAdapter extends JobTableAdapter {

    public static final String LIBRARY = "pg-boss";

    private final Table<?> jobs;
    private final Table<?> queueTable;

    public PgBossAdapter(String schema) {
        super(LIBRARY, schema, describe(jobs(schema)), columns(jobs(schema)));
        this.jobs = jobs(schema);
        this.queueTable = table(name(schema, "queue"));
    }

    /** Every schema with pg-boss v10+ tables: job (with snake_case columns), queue and the job_state enum. */
    public static List<PgBossAdapter> detect(DSLContext db) {
        List<String> enums = QueueCatalog.schemasWithEnum(db, "job_state", "created", "retry", "active", "completed",
                "cancelled", "failed");
        List<String> queues = QueueCatalog.schemasWithTable(db, "queue", "name", "policy", "retry_limit");
        return QueueCatalog.schemasWithTable(db, "job", "id", "name", "state", "retry_limit", "retry_count",
                        "start_after", "started_on", "expire_in", "output").stream()
                .filter(s -> enums.contains(s) && queues.contains(s))
                .map(PgBossAdapter::new)
                .toList();
    }

    private static Table<?> jobs(String schema) {
        return table(name(schema, "job"));
    }

    private static JobTable describe(Table<?> jobs) {
        Field<String> state = column(jobs, "state", String.class);
        Field<OffsetDateTime> startAfter = column(jobs, "start_after", OffsetDateTime.class);
        Field<OffsetDateTime> startedOn = column(jobs, "started_on", OffsetDateTime.class);
        Field<OffsetDateTime> completedOn = column(jobs, "completed_on", OffsetDateTime.class);
        Field<Object> expireIn = field(jobs.getQualifiedName().append("expire_in"));
        return new JobTable(jobs, column(jobs, "name", String.class), false, List.of(
                new JobState("created", SharedState.WAITING, state.eq(inline("created")).and(startAfter.le(now()))),
                new JobState("created", SharedState.SCHEDULED, state.eq(inline("created")).and(startAfter.gt(now()))),
                new JobState("retry", SharedState.RETRYABLE, state.eq(inline("retry"))),
                new JobState("active", SharedState.RUNNING, state.eq(inline("active"))),
                new JobState("completed", SharedState.DONE, state.eq(inline("completed"))),
                new JobState("cancelled", SharedState.CANCELLED, state.eq(inline("cancelled"))),
                new JobState("failed", SharedState.DEAD, state.eq(inline("failed")))),
                startAfter, startedOn, completedOn, DSL.coalesce(completedOn, startedOn),
                state.eq(inline("active")).and(field("{0} + {1}", OffsetDateTime.class, startedOn, expireIn).lt(now())));
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

    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> retryLimit = column(jobs, "retry_limit", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("retry"));
        set.put(retryLimit, retryLimit.plus(inline(1)));
        return Optional.of(new JobChange("Retry", table.inLibraryState("failed"), update(set),
                "Failed jobs go to state retry with one more retry allowed (retry_limit + 1), as pg-boss's retry()"
                        + " does, and a worker fetches them again; created, retry, active, completed and cancelled"
                        + " jobs are not touched.", Outcome.counted("job", "set to retry")));
    }

    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
        set.put(column(jobs, "completed_on", OffsetDateTime.class), now());
        return Optional.of(new JobChange("Cancel",
                column(jobs, "state", String.class).in(inline("created"), inline("retry")), update(set),
                "Created and retry jobs become cancelled and no worker fetches them; active and finished jobs are"
                        + " not touched.", Outcome.counted("job", "cancelled")));
    }
}
