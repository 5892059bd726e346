package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Sql;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@code max_attempts}, {@code errors jsonb[]}. Retry, cancel, delete and pause do what River's
 * own queries do (riverdriver/riverpgxv5/internal/dbsqlc/river_job.sql and river_queue.sql, v0.43.0
 * unless said), one job at a time as River runs them or in batches with the same outcome.
 *
 * <p>River's schema history (riverdriver/riverpgxv5/migration/main/, before v0.10.0
 * rivermigrate/migration/ and internal/dbmigrate/; the release that added each):
 * <ul>
 * <li>002 (v0.0.1): river_job with every column read here, the enum without 'pending', river_leader.
 * <li>003 (v0.0.8): tags not null. 004 (v0.5.0): the state 'pending' and river_queue, whose
 *     paused_at pauses a queue: pause and resume exist from 004.
 * <li>005 (v0.10.0): unique_key, unique per (kind, unique_key) whatever the state.
 * <li>006 (v0.12.0): unique_states, river_job_state_in_bitmask and river_job_unique_idx: a key is
 *     held only by a job in a state its own bitmask counts, so a retried job can find it taken.
 * <li>007 (v0.40.0): river_notification and defaults, nothing read here.
 * </ul>
 */
public final class RiverAdapter extends JobTableAdapter {

    public static final String LIBRARY = "River";
    /** River's states in the enum's order; "pending" exists from migration 004. */
    private static final List<String> ALL_STATES = List.of("available", "cancelled", "completed", "discarded",
            "pending", "retryable", "running", "scheduled");
    /** The conflicts an outcome names; the others are counted. */
    private static final int NAMED_CONFLICTS = 3;

    private final boolean hasQueueTable;
    private final boolean uniqueKey;
    private final boolean uniqueStates;
    private final Table<?> jobs;
    private final Table<?> queueTable;
    /** The selection and filter conditions, for the report of retries a held unique key refused. */
    private final JobBrowser selection;

    /**
     * @param hasQueueTable river_queue exists (004)
     * @param uniqueKey river_job.unique_key exists (005)
     * @param uniqueStates river_job.unique_states and river_job_state_in_bitmask exist (006)
     */
    public RiverAdapter(String schema, Set<String> stateLabels, boolean hasQueueTable, boolean uniqueKey,
            boolean uniqueStates) {
        super(LIBRARY, schema, describe(jobs(schema), stateLabels), columns(jobs(schema)));
        this.hasQueueTable = hasQueueTable;
        this.uniqueKey = uniqueKey;
        this.uniqueStates = uniqueStates;
        this.jobs = jobs(schema);
        this.queueTable = table(name(schema, "river_queue"));
        this.selection = new JobBrowser(table, columns(jobs));
    }

    /** Every schema with a river_job table of migration 002 and its river_job_state enum. */
    public static List<RiverAdapter> detect(DSLContext db) {
        List<String> withQueues = QueueCatalog.schemasWithTable(db, "river_queue", "name", "paused_at", "updated_at");
        List<String> enums = QueueCatalog.schemasWithEnum(db, "river_job_state", "available", "running", "retryable",
                "discarded", "completed", "cancelled", "scheduled");
        return QueueCatalog.schemasWithTable(db, "river_job", "id", "state", "attempt", "max_attempts", "scheduled_at",
                        "finalized_at", "errors", "kind", "queue", "args", "metadata").stream()
                .filter(enums::contains)
                .map(s -> new RiverAdapter(s, new HashSet<>(QueueCatalog.enumLabels(db, s, "river_job_state")),
                        withQueues.contains(s), QueueCatalog.columnType(db, s, "river_job", "unique_key") != null,
                        QueueCatalog.columnType(db, s, "river_job", "unique_states") != null
                                && QueueCatalog.hasFunction(db, s, "river_job_state_in_bitmask")))
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
    public List<String> limits() {
        return hasQueueTable ? List.of() : List.of("schema before migration 004: no river_queue, so no pause or resume.");
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

    private Field<Object> raw(Table<?> t, String column) {
        return field(t.getQualifiedName().append(column));
    }

    /** Whether a job put back to available would enter river_job_unique_idx, i.e. claim its key (006). */
    private Condition claimsKeyWhenAvailable() {
        return raw(jobs, "unique_key").isNotNull().and(raw(jobs, "unique_states").isNotNull())
                .and(DSL.condition("{0}({1}, 'available')", name(schema(), "river_job_state_in_bitmask"),
                        raw(jobs, "unique_states")));
    }

    /** The job holding a retried job's key in river_job_unique_idx: same key, in a state its own bitmask counts. */
    private String holderWhere() {
        return "h.\"unique_key\" = " + Sql.render(raw(jobs, "unique_key")) + " AND h.\"id\" <> " + Sql.render(raw(jobs, "id"))
                + " AND h.\"unique_states\" IS NOT NULL AND " + Sql.render(name(schema(), "river_job_state_in_bitmask"))
                + "(h.\"unique_states\", h.\"state\")";
    }

    private Condition held() {
        return claimsKeyWhenAvailable().and(DSL.condition("EXISTS (SELECT 1 FROM {0} AS h WHERE " + holderWhere() + ")", jobs));
    }

    /**
     * River's JobRetry: available now, finalized_at cleared, max_attempts + 1 where attempt =
     * max_attempts. River retries one job per call, so a job whose unique key (006) another job
     * holds fails alone with a unique violation; here such a job is not eligible, the others move,
     * and {@link #retry(List)} says which were refused. River also retries scheduled, pending and
     * completed jobs; pgdeck's retry runs failed jobs only, as every adapter's does.
     */
    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> attempt = column(jobs, "attempt", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("available"));
        set.put(maxAttempts, when(attempt.eq(maxAttempts), maxAttempts.plus(inline(1))).otherwise(maxAttempts));
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), inline(null, OffsetDateTime.class));
        set.put(column(jobs, "scheduled_at", OffsetDateTime.class), now());
        Condition failed = table.inLibraryState("retryable", "discarded", "cancelled");
        return Optional.of(new JobChange("Retry", uniqueStates ? failed.andNot(held()) : failed,
                uniqueStates ? oneClaimPerKey(set) : update(set),
                "Retryable, discarded and cancelled jobs become available now and run again; a job that used all"
                        + " its attempts gets one more (as River's JobRetry does). A job whose unique key another"
                        + " live job holds stays as it is and is named. Running, waiting and completed jobs are not touched.",
                this::retried));
    }

    /**
     * The update, where two jobs being retried share a key: only the lower id claims it in one
     * statement, as River retrying them one by one would let only the first succeed; the other is
     * then held, and named by the report.
     */
    private JobStatement oneClaimPerKey(Map<Field<?>, Object> set) {
        return (which, limit) -> {
            String t = Sql.render(jobs);
            String key = Sql.render(when(claimsKeyWhenAvailable(), raw(jobs, "unique_key"))
                    .otherwise(field("int8send({0})", byte[].class, raw(jobs, "id"))));
            StringBuilder assignments = new StringBuilder();
            set.forEach((f, v) -> assignments.append(assignments.isEmpty() ? "" : ", ")
                    .append(Sql.render(DSL.name(f.getName()))).append(" = ").append(Sql.render((Field<?>) v)));
            return "WITH picked AS (SELECT " + Sql.render(raw(jobs, "id")) + " AS id, " + key + " AS k FROM " + t
                    + " WHERE " + Sql.render(which) + (limit == JobStatement.ALL ? "" : " LIMIT " + limit)
                    + " FOR UPDATE SKIP LOCKED), moving AS (SELECT DISTINCT ON (k) id FROM picked ORDER BY k, id),"
                    + " changed AS (UPDATE " + t + " SET " + assignments + " FROM moving WHERE "
                    + Sql.render(raw(jobs, "id")) + " = moving.id RETURNING " + Sql.render(raw(jobs, "id"))
                    + ") SELECT count(*) FROM changed";
        };
    }

    /** Rows "job holder state" for every failed job of the selection whose key another job holds. */
    private String refusedReport(Condition selected) {
        return "SELECT " + Sql.render(raw(jobs, "id")) + " || ' ' || h.\"id\" || ' ' || h.\"state\" FROM "
                + Sql.render(jobs) + " CROSS JOIN LATERAL (SELECT h.\"id\", h.\"state\" FROM " + Sql.render(jobs)
                + " AS h WHERE " + holderWhere() + " ORDER BY h.\"id\" LIMIT 1) AS h WHERE "
                + Sql.render(table.inLibraryState("retryable", "discarded", "cancelled").and(claimsKeyWhenAvailable())
                        .and(selected)) + " ORDER BY " + Sql.render(raw(jobs, "id")) + " LIMIT 1000";
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return super.retry(ids).map(action -> reportingRefused(action, selection.among(ids)));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return super.retryMatching(filter, matching).map(action -> reportingRefused(action, selection.where(filter)));
    }

    /** The retry, then the report of the jobs it left because their key is held (006 only). */
    private Action reportingRefused(Action retry, Condition selected) {
        if (!uniqueStates) {
            return retry;
        }
        ActionPlan plan = retry.plan();
        List<String> statements = new ArrayList<>(plan.statements());
        statements.add(refusedReport(selected));
        return JobActions.onJobs(plan.title(), statements, plan.lock(), plan.risk(), this::retried);
    }

    /** "7 jobs back to available; 1 not: job 12's unique key is held by job 40 (available)." */
    private String retried(List<String> returned) {
        List<String> counts = returned.stream().filter(r -> r != null && !r.contains(" ")).toList();
        Set<String> refused = new LinkedHashSet<>(returned.stream().filter(r -> r != null && r.contains(" ")).toList());
        String moved = Outcome.counted("job", "back to available").of(counts);
        if (refused.isEmpty()) {
            return moved;
        }
        long n = Outcome.sum(counts);
        List<String> named = refused.stream().limit(NAMED_CONFLICTS).map(r -> {
            String[] p = r.split(" ");
            return "job " + p[0] + "'s unique key is held by job " + p[1] + " (" + p[2] + ")";
        }).toList();
        return (n == 0 ? "No job back to available" : moved.substring(0, moved.length() - 1)) + "; " + refused.size()
                + " not: " + String.join(", ", named)
                + (refused.size() > NAMED_CONFLICTS ? " and " + (refused.size() - NAMED_CONFLICTS) + " more" : "") + ".";
    }

    /**
     * River's JobCancel for jobs not running: cancelled, finalized_at now, and
     * metadata.cancel_attempted_at as River marks it; on 005's unique keys (no unique_states) the
     * key is cleared as JobCancel of v0.12.0 did so the job can be enqueued again. River's
     * JobCancel also asks the client running a job to cancel it (cancel_attempted_at and a
     * notification on river_control); pgdeck does not: it never touches a running job, whose
     * work may be half done, and a cancel of it belongs to the application.
     */
    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
        set.put(column(jobs, "finalized_at", OffsetDateTime.class), now());
        set.put(raw(jobs, "metadata"), field("jsonb_set({0}, ARRAY['cancel_attempted_at'], to_jsonb(pg_catalog.now()), true)",
                raw(jobs, "metadata")));
        if (uniqueKey) {
            set.put(raw(jobs, "unique_key"), uniqueStates
                    ? when(raw(jobs, "unique_states").isNotNull(), raw(jobs, "unique_key")).otherwise(inline((Object) null))
                    : inline((Object) null));
        }
        return Optional.of(new JobChange("Cancel", table.inLibraryState("available", "scheduled", "retryable", "pending"),
                update(set), "Jobs not yet running become cancelled and no worker takes them (as River's JobCancel"
                        + " does); running and finished jobs are not touched.", Outcome.counted("job", "cancelled")));
    }

    @Override
    public Optional<Action> pause(String queue) {
        return pauseOrResume(queue, true);
    }

    @Override
    public Optional<Action> resume(String queue) {
        return pauseOrResume(queue, false);
    }

    /**
     * River's QueuePause and QueueResume (river_queue.sql), and the control notification
     * Client.QueuePause sends on {@code <schema>.river_control} (client.go notifyQueuePauseOrResume):
     * a client with a listener learns of a pause only from it.
     */
    private Optional<Action> pauseOrResume(String queue, boolean pause) {
        if (!hasQueueTable) {
            return Optional.empty();
        }
        Field<String> queueName = column(queueTable, "name", String.class);
        Field<OffsetDateTime> pausedAt = column(queueTable, "paused_at", OffsetDateTime.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(pausedAt, pause ? now() : inline(null, OffsetDateTime.class));
        set.put(column(queueTable, "updated_at", OffsetDateTime.class), now());
        String update = Sql.render(DSL.update(queueTable).set(set)
                .where(queueName.eq(inline(queue)).and(pause ? pausedAt.isNull() : pausedAt.isNotNull()))
                .returning(queueName));
        String statement = "WITH changed AS (" + update + ") SELECT count(*) FROM changed CROSS JOIN LATERAL (SELECT"
                + " pg_notify(" + Sql.render(inline(schema() + ".river_control")) + ", json_build_object('action', "
                + Sql.render(inline(pause ? "pause" : "resume")) + ", 'queue', changed.name)::text)) AS notified";
        return Optional.of(JobActions.onQueue((pause ? "Pause" : "Resume") + " River queue " + queue + " (" + schema() + ")",
                statement, "ROW EXCLUSIVE on the queue table; a row lock on the queue",
                pause ? "River's clients stop taking new jobs from the queue as soon as they hear of it; running jobs finish."
                        : "River's clients take jobs from the queue again.",
                Outcome.counted("queue", pause ? "paused" : "resumed")));
    }
}
