package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.action.Action;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
public final class RiverAdapter extends JobTableAdapter {

    public static final String LIBRARY = "River";
    /** River's states in the enum's order; "pending" exists from River's migration 004. */
    private static final List<String> ALL_STATES = List.of("available", "cancelled", "completed", "discarded",
            "pending", "retryable", "running", "scheduled");

    private final boolean hasQueueTable;
    private final Table<?> jobs;
    private final Table<?> queueTable;

    public RiverAdapter(String schema, Set<String> stateLabels, boolean hasQueueTable) {
        super(LIBRARY, schema, describe(jobs(schema), stateLabels), columns(jobs(schema)));
        this.hasQueueTable = hasQueueTable;
        this.jobs = jobs(schema);
        this.queueTable = table(name(schema, "river_queue"));
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

    private static Table<?> jobs(String schema) {
        return table(name(schema, "river_job"));
    }

    private static JobTable describe(Table<?> jobs, Set<String> stateLabels) {
        Field<OffsetDateTime> attemptedAt = column(jobs, "attempted_at", OffsetDateTime.class);
        Field<OffsetDateTime> finalizedAt = column(jobs, "finalized_at", OffsetDateTime.class);
        return new JobTable(jobs, column(jobs, "queue", String.class), false,
                JobTable.statesOf(column(jobs, "state", String.class), ALL_STATES, RiverAdapter::shared, stateLabels),
                column(jobs, "scheduled_at", OffsetDateTime.class), attemptedAt, finalizedAt,
                DSL.coalesce(finalizedAt, attemptedAt), DSL.falseCondition());
    }

    private static JobColumns columns(Table<?> jobs) {
        Field<?> errors = field(jobs.getQualifiedName().append("errors"));
        Field<String> args = QueueSql.text(jobs, "args");
        return new JobColumns(column(jobs, "id", Long.class), column(jobs, "kind", String.class),
                column(jobs, "priority", Integer.class), column(jobs, "attempt", Integer.class),
                column(jobs, "max_attempts", Integer.class), column(jobs, "created_at", OffsetDateTime.class),
                column(jobs, "scheduled_at", OffsetDateTime.class), column(jobs, "attempted_at", OffsetDateTime.class),
                column(jobs, "finalized_at", OffsetDateTime.class), args, JsonErrors.last(errors),
                QueueSql.last(field(jobs.getQualifiedName().append("attempted_by"))),
                QueueSql.searchable(args, errors.cast(String.class)));
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
    public List<String> queues(DSLContext db) {
        if (!hasQueueTable) {
            return List.of();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        return db.select(queueName).from(queueTable).orderBy(queueName).fetch(queueName);
    }

    @Override
    protected Set<String> paused(DSLContext db) {
        if (!hasQueueTable) {
            return Set.of();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        return new HashSet<>(db.select(queueName).from(queueTable)
                .where(column(queueTable, "paused_at", OffsetDateTime.class).isNotNull()).fetch(queueName));
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        Field<Long> id = column(jobs, "id", Long.class);
        long key = Long.parseLong(job.id());
        return new JobDetail(job, JsonErrors.read(db, jobs, id, key, "errors"),
                db.select(QueueSql.text(jobs, "metadata")).from(jobs).where(id.eq(key)).fetchOne(0, String.class));
    }

    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> attempt = column(jobs, "attempt", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("available"));
        set.put(column(jobs, "scheduled_at", OffsetDateTime.class), now());
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        // River's JobRetry: an exhausted job gets one more attempt, others keep their limit.
        set.put(maxAttempts, when(attempt.ge(maxAttempts), attempt.plus(inline(1))).otherwise(maxAttempts));
        return Optional.of(new JobChange("Retry", table.inLibraryState("retryable", "discarded", "cancelled"),
                update(set), "Retryable, discarded and cancelled jobs become available now and run again; a job"
                        + " that used all its attempts gets one more. Running, waiting and completed jobs are not touched.",
                Outcome.counted("job", "back to available")));
    }

    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), now());
        return Optional.of(new JobChange("Cancel", table.inLibraryState("available", "scheduled", "retryable", "pending"),
                update(set), "Jobs not yet running become cancelled and no worker takes them; running and finished"
                        + " jobs are not touched.", Outcome.counted("job", "cancelled")));
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
        String statement = JobStatement.update(queueTable, queueName, set).changing(
                queueName.eq(inline(queue)).and(pause ? pausedAt.isNull() : pausedAt.isNotNull()), JobStatement.ALL);
        return Optional.of(JobActions.onQueue((pause ? "Pause" : "Resume") + " River queue " + queue + " (" + schema() + ")",
                statement, "ROW EXCLUSIVE on the queue table; a row lock on the queue",
                pause ? "River's workers stop taking new jobs from the queue within a few seconds; running jobs finish."
                        : "River's workers take jobs from the queue again.",
                Outcome.counted("queue", pause ? "paused" : "resumed")));
    }
}
