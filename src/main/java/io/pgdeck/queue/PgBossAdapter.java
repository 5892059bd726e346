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
import java.util.UUID;
import org.jooq.Condition;
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
public final class PgBossAdapter implements QueueAdapter {

    public static final String LIBRARY = "pg-boss";

    private final String schema;
    private final Table<?> jobs;
    private final Table<?> queueTable;
    private final Field<UUID> id;
    private final Field<String> state;
    private final Field<Integer> retryLimit;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    public PgBossAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "job"));
        this.queueTable = table(name(schema, "queue"));
        this.id = column(jobs, "id", UUID.class);
        this.state = column(jobs, "state", String.class);
        this.retryLimit = column(jobs, "retry_limit", Integer.class);
        Field<OffsetDateTime> startAfter = column(jobs, "start_after", OffsetDateTime.class);
        Field<OffsetDateTime> startedOn = column(jobs, "started_on", OffsetDateTime.class);
        Field<OffsetDateTime> completedOn = column(jobs, "completed_on", OffsetDateTime.class);
        Field<Object> expireIn = field(jobs.getQualifiedName().append("expire_in"));
        this.table = new JobTable(jobs, column(jobs, "name", String.class), false, List.of(
                new JobState("created", SharedState.WAITING, state.eq(inline("created")).and(startAfter.le(now()))),
                new JobState("created", SharedState.SCHEDULED, state.eq(inline("created")).and(startAfter.gt(now()))),
                new JobState("retry", SharedState.RETRYABLE, state.eq(inline("retry"))),
                new JobState("active", SharedState.RUNNING, state.eq(inline("active"))),
                new JobState("completed", SharedState.DONE, state.eq(inline("completed"))),
                new JobState("cancelled", SharedState.CANCELLED, state.eq(inline("cancelled"))),
                new JobState("failed", SharedState.DEAD, state.eq(inline("failed")))),
                startAfter, startedOn, completedOn, DSL.coalesce(completedOn, startedOn),
                state.eq(inline("active")).and(field("{0} + {1}", OffsetDateTime.class, startedOn, expireIn).lt(now())));
        Field<String> data = QueueSql.text(jobs, "data");
        Field<String> output = QueueSql.text(jobs, "output");
        Field<String> lastError = DSL.when(state.in(inline("retry"), inline("failed")),
                DSL.coalesce(field("{0} ->> 'message'", String.class, field(jobs.getQualifiedName().append("output"))), output));
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id, column(jobs, "name", String.class),
                column(jobs, "priority", Integer.class), column(jobs, "retry_count", Integer.class), retryLimit,
                column(jobs, "created_on", OffsetDateTime.class), startAfter, startedOn, completedOn, data, lastError,
                inline((String) null), QueueSql.searchable(data, output)));
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
        Field<String> queueName = column(queueTable, "name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
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

    /** pg-boss keeps only the latest error, in output. */
    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return browser.find(db, jobId, this).map(job -> {
            var r = db.select(QueueSql.text(jobs, "output"),
                            field("{0} ->> 'stack'", String.class, field(jobs.getQualifiedName().append("output"))))
                    .from(jobs).where(id.eq(UUID.fromString(job.id()))).fetchOne();
            List<JobError> errors = job.lastError() == null ? List.of()
                    : List.of(new JobError(job.attempt(), job.finishedAt() != null ? job.finishedAt() : job.startedAt(),
                            job.lastError(), r == null ? null : r.value2()));
            return new JobDetail(job, errors, r == null ? null : r.value1());
        });
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(ids.size()) + " in pg-boss (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(failed()), toRetry())),
                RETRY_RISK, "set to retry"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(matching) + " matching the filter in pg-boss ("
                + schema + ")", JobUpdates.batches(jobs, id, browser.where(filter).and(failed()), toRetry(), matching),
                RETRY_RISK, "set to retry"));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("cancelled")));
        set.put(column(jobs, "completed_on", OffsetDateTime.class), now());
        Condition notStarted = state.in(inline("created"), inline("retry"));
        return Optional.of(new JobsAction("Cancel " + SeedJobQueueAdapter.jobs(ids.size()) + " in pg-boss (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(notStarted), set)),
                "Created and retry jobs become cancelled and no worker fetches them; active and finished jobs are not touched.",
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

    private static final String RETRY_RISK = "Failed jobs go to state retry with one more retry allowed"
            + " (retry_limit + 1), as pg-boss's retry() does, and a worker fetches them again; created, retry, active,"
            + " completed and cancelled jobs are not touched.";

    private Condition failed() {
        return state.eq(inline("failed"));
    }

    private Map<Field<?>, Object> toRetry() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("retry")));
        set.put(retryLimit, retryLimit.plus(inline(1)));
        return set;
    }
}
