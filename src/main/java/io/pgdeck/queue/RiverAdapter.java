package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
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
 * River (Go): {@code river_job} with enum {@code river_job_state}, {@code attempt} against
 * {@code max_attempts}, {@code errors jsonb[]}, and {@code river_queue} whose {@code paused_at}
 * pauses a queue. A retry puts retryable, discarded or cancelled jobs back to available now and,
 * as River's own JobRetry does, gives an exhausted job one more attempt; running jobs are never
 * touched.
 */
public final class RiverAdapter implements QueueAdapter {

    public static final String LIBRARY = "River";
    /** River's states in the enum's order; "pending" exists from River's migration 004. */
    private static final List<String> ALL_STATES = List.of("available", "cancelled", "completed", "discarded",
            "pending", "retryable", "running", "scheduled");

    private final String schema;
    private final boolean hasQueueTable;
    private final Table<?> jobs;
    private final Table<?> queueTable;
    private final Field<Long> id;
    private final Field<String> state;
    private final Field<Integer> attempt;
    private final Field<Integer> maxAttempts;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    public RiverAdapter(String schema, Set<String> stateLabels, boolean hasQueueTable) {
        this.schema = schema;
        this.hasQueueTable = hasQueueTable;
        this.jobs = table(name(schema, "river_job"));
        this.queueTable = table(name(schema, "river_queue"));
        this.id = column(jobs, "id", Long.class);
        this.state = column(jobs, "state", String.class);
        this.attempt = column(jobs, "attempt", Integer.class);
        this.maxAttempts = column(jobs, "max_attempts", Integer.class);
        Field<OffsetDateTime> scheduledAt = column(jobs, "scheduled_at", OffsetDateTime.class);
        Field<OffsetDateTime> attemptedAt = column(jobs, "attempted_at", OffsetDateTime.class);
        Field<OffsetDateTime> finalizedAt = column(jobs, "finalized_at", OffsetDateTime.class);
        List<JobState> states = new ArrayList<>();
        for (String label : ALL_STATES) {
            // A state the installed enum lacks would make the literal an error, so only known ones.
            if (stateLabels.contains(label)) {
                states.add(new JobState(label, shared(label), state.eq(inline(label))));
            }
        }
        this.table = new JobTable(jobs, column(jobs, "queue", String.class), false, states, scheduledAt, attemptedAt,
                finalizedAt, DSL.coalesce(finalizedAt, attemptedAt), DSL.falseCondition());
        Field<?> errors = field(jobs.getQualifiedName().append("errors"));
        Field<String> args = QueueSql.text(jobs, "args");
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id, column(jobs, "kind", String.class),
                column(jobs, "priority", Integer.class), attempt, maxAttempts,
                column(jobs, "created_at", OffsetDateTime.class), scheduledAt, attemptedAt, finalizedAt, args,
                JsonErrors.last(errors),
                field("({0})[array_upper({0}, 1)]", String.class, field(jobs.getQualifiedName().append("attempted_by"))),
                QueueSql.searchable(args, errors.cast(String.class))));
    }

    /** Every schema with a river_job table and its river_job_state enum. */
    public static List<RiverAdapter> detect(DSLContext db) {
        List<String> withQueues = QueueCatalog.schemasWithTable(db, "river_queue", "name", "paused_at");
        List<String> enums = QueueCatalog.schemasWithEnum(db, "river_job_state", "available", "running", "retryable",
                "discarded", "completed");
        return QueueCatalog.schemasWithTable(db, "river_job", "id", "state", "attempt", "max_attempts", "scheduled_at",
                        "finalized_at", "errors", "kind", "queue", "args").stream()
                .filter(enums::contains)
                .map(s -> new RiverAdapter(s, new HashSet<>(QueueCatalog.enumLabels(db, s, "river_job_state")),
                        withQueues.contains(s)))
                .toList();
    }

    private static SharedState shared(String label) {
        return switch (label) {
            case "available" -> SharedState.WAITING;
            case "scheduled", "pending" -> SharedState.SCHEDULED;
            case "running" -> SharedState.RUNNING;
            case "retryable" -> SharedState.RETRYABLE;
            case "discarded" -> SharedState.DEAD;
            case "completed" -> SharedState.DONE;
            case "cancelled" -> SharedState.CANCELLED;
            default -> throw new IllegalArgumentException("not a River state: " + label);
        };
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
        if (!hasQueueTable) {
            return List.of();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
    }

    private Set<String> paused(DSLContext db) {
        if (!hasQueueTable) {
            return Set.of();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        return new HashSet<>(db.select(queueName).from(queueTable)
                .where(column(queueTable, "paused_at", OffsetDateTime.class).isNotNull()).fetch(queueName));
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
        return browser.page(db, filter, this);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, browser.where(filter), exactBelow);
    }

    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return browser.find(db, jobId, this).map(job -> new JobDetail(job,
                JsonErrors.read(db, jobs, id, Long.parseLong(job.id()), "errors"),
                db.select(QueueSql.text(jobs, "metadata")).from(jobs).where(id.eq(Long.parseLong(job.id())))
                        .fetchOne(0, String.class)));
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(ids.size()) + " in River (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(retryable()), backToAvailable())),
                RETRY_RISK, "back to available"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(matching) + " matching the filter in River ("
                + schema + ")", JobUpdates.batches(jobs, id, browser.where(filter).and(retryable()), backToAvailable(),
                matching), RETRY_RISK, "back to available"));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("cancelled")));
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), now());
        Condition notStarted = state.in(inline("available"), inline("scheduled"), inline("retryable"))
                .or(table.inLibraryState("pending"));
        return Optional.of(new JobsAction("Cancel " + SeedJobQueueAdapter.jobs(ids.size()) + " in River (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(notStarted), set)),
                "Jobs not yet running become cancelled and no worker takes them; running and finished jobs are not touched.",
                "cancelled"));
    }

    @Override
    public Optional<Action> pause(String queue) {
        return pauseOrResume(queue, true);
    }

    @Override
    public Optional<Action> resume(String queue) {
        return pauseOrResume(queue, false);
    }

    private Optional<Action> pauseOrResume(String queue, boolean pause) {
        if (!hasQueueTable) {
            return Optional.empty();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        Field<OffsetDateTime> pausedAt = column(queueTable, "paused_at", OffsetDateTime.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(pausedAt, pause ? now() : inline(null, OffsetDateTime.class));
        set.put(column(queueTable, "updated_at", OffsetDateTime.class), now());
        Condition which = queueName.eq(inline(queue)).and(pause ? pausedAt.isNull() : pausedAt.isNotNull());
        String verb = pause ? "Pause" : "Resume";
        return Optional.of(JobsAction.onQueue(verb + " River queue " + queue + " (" + schema + ")",
                JobUpdates.update(queueTable, queueName, which, set),
                pause ? "River's workers stop taking new jobs from the queue within a few seconds; running jobs finish."
                        : "River's workers take jobs from the queue again.",
                pause ? "paused" : "resumed"));
    }

    private static final String RETRY_RISK = "Retryable, discarded and cancelled jobs become available now and run"
            + " again; a job that used all its attempts gets one more. Running, waiting and completed jobs are not touched.";

    private Condition retryable() {
        return state.in(inline("retryable"), inline("discarded"), inline("cancelled"));
    }

    private Map<Field<?>, Object> backToAvailable() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("available")));
        set.put(column(jobs, "scheduled_at", OffsetDateTime.class), now());
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        // River's JobRetry: an exhausted job gets one more attempt, others keep their limit.
        set.put(maxAttempts, when(attempt.ge(maxAttempts), attempt.plus(inline(1))).otherwise(maxAttempts));
        return set;
    }
}
