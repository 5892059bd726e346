package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Sql;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Graphile Worker 0.13 and later (Node.js). There is no state column: a job is locked (running),
 * has attempts left (retrying) or none (failed), and is deleted when it succeeds, so nobody can
 * count finished jobs. Graphile has no queue pause. Changes go through Graphile's own functions,
 * which skip locked jobs: {@code reschedule_jobs(..., attempts := 0)} to retry,
 * {@code permanently_fail_jobs} to cancel (the job stays, with its reason, and no worker takes it
 * again), {@code complete_jobs} to delete (Graphile's own way to drop jobs by id; remove_job works
 * by job key only, which most jobs lack, and only marks a locked job).
 *
 * <p>The schema's history, by the latest row of {@code <schema>.migrations} (the worker's own
 * record of the sql/ files it ran, simpler than probing columns: the 0.16 view {@code jobs} has
 * the columns the 0.13 table had):
 * <ul>
 * <li>1-10 (0.13): table {@code jobs} naming its queue ({@code queue_name}) and task
 *     ({@code task_identifier}) itself; {@code job_queues} keyed by name. reschedule_jobs,
 *     permanently_fail_jobs and complete_jobs since 000004.
 * <li>11 (0.14, 0.15): {@code jobs} rebuilt with {@code task_id} and {@code job_queue_id} into the
 *     new {@code tasks} and {@code job_queues}, and a generated {@code is_available}; the fetch
 *     moved from the get_job function into the worker (sql/getJob).
 * <li>16 (0.16): the tables renamed {@code _private_jobs}, {@code _private_tasks},
 *     {@code _private_job_queues}; 17 adds a view {@code jobs} over them.
 * </ul>
 */
public final class GraphileWorkerAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Graphile Worker";
    /** Jobs with no named queue run in parallel; the screen lists them as one queue. */
    public static final String NO_QUEUE = "(no queue)";
    static final String CANCEL_MESSAGE = "Cancelled with pgdeck";
    /**
     * How long a lock holds: past it Graphile takes the worker for dead (get_job's job_expiry in
     * 0.13, the functions' own condition, and the worker's resetLockedAt since 0.14).
     */
    private static final String LOCK_EXPIRY = "interval '4 hours'";
    private static final int TASK_TABLES = 11;
    private static final int PRIVATE_TABLES = 16;

    private final Layout layout;
    private final boolean hasJobFunctions;

    /** Where an installation keeps its jobs; {@code tasks} is null where jobs name their task and queue. */
    private record Layout(Table<?> jobs, Table<?> tasks, Table<?> queues) {

        static Layout at(String schema, int migration) {
            String prefix = migration >= PRIVATE_TABLES ? "_private_" : "";
            return new Layout(table(name(schema, prefix + "jobs")),
                    migration >= TASK_TABLES ? table(name(schema, prefix + "tasks")) : null,
                    table(name(schema, prefix + "job_queues")));
        }

        Table<?> joined() {
            if (tasks == null) {
                return jobs;
            }
            return jobs.join(tasks).on(column(tasks, "id", Integer.class).eq(column(jobs, "task_id", Integer.class)))
                    .leftJoin(queues).on(column(queues, "id", Integer.class).eq(column(jobs, "job_queue_id", Integer.class)));
        }

        Field<String> queueName() {
            return tasks == null ? column(jobs, "queue_name", String.class) : column(queues, "queue_name", String.class);
        }

        Field<String> task() {
            return tasks == null ? column(jobs, "task_identifier", String.class) : column(tasks, "identifier", String.class);
        }
    }

    GraphileWorkerAdapter(String schema, int migration, boolean hasJobFunctions) {
        this(schema, Layout.at(schema, migration), hasJobFunctions);
    }

    private GraphileWorkerAdapter(String schema, Layout layout, boolean hasJobFunctions) {
        super(LIBRARY, schema, describe(layout), columns(layout));
        this.layout = layout;
        this.hasJobFunctions = hasJobFunctions;
    }

    /**
     * Every schema where Graphile's installer ran (its migrations table, add_job, and its job table
     * by either name), at the latest migration.
     */
    public static List<GraphileWorkerAdapter> detect(DSLContext db) {
        String[] columns = {"id", "payload", "run_at", "attempts", "max_attempts", "last_error", "locked_at", "locked_by"};
        List<String> jobs = new ArrayList<>(QueueCatalog.schemasWithTable(db, "jobs", columns));
        jobs.addAll(QueueCatalog.schemasWithTable(db, "_private_jobs", columns));
        return QueueCatalog.schemasWithTable(db, "migrations", "id", "ts").stream()
                .filter(s -> jobs.contains(s) && QueueCatalog.hasFunction(db, s, "add_job"))
                .map(s -> new GraphileWorkerAdapter(s, migration(db, s), QueueCatalog.hasFunction(db, s, "reschedule_jobs")))
                .toList();
    }

    private static int migration(DSLContext db, String schema) {
        Table<?> migrations = table(name(schema, "migrations"));
        Integer id = db.select(DSL.max(column(migrations, "id", Integer.class))).from(migrations).fetchOne(0, Integer.class);
        return id == null ? 0 : id;
    }

    private static JobTable describe(Layout layout) {
        Table<?> jobs = layout.jobs();
        Field<Integer> attempts = column(jobs, "attempts", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Field<OffsetDateTime> lockedAt = column(jobs, "locked_at", OffsetDateTime.class);
        Field<OffsetDateTime> runAt = column(jobs, "run_at", OffsetDateTime.class);
        Condition unlocked = lockedAt.isNull();
        return new JobTable(layout.joined(), DSL.coalesce(layout.queueName(), inline(NO_QUEUE)), false, List.of(
                new JobState("waiting", SharedState.WAITING, unlocked.and(attempts.eq(inline(0))).and(runAt.le(now()))),
                new JobState("scheduled", SharedState.SCHEDULED, unlocked.and(attempts.eq(inline(0))).and(runAt.gt(now()))),
                new JobState("locked", SharedState.RUNNING, lockedAt.isNotNull()),
                new JobState("retrying", SharedState.RETRYABLE,
                        unlocked.and(attempts.gt(inline(0))).and(attempts.lt(maxAttempts))),
                new JobState("failed", SharedState.DEAD, unlocked.and(attempts.ge(maxAttempts)))),
                runAt, lockedAt, null, column(jobs, "updated_at", OffsetDateTime.class),
                lockedAt.lt(field("pg_catalog.now() - " + LOCK_EXPIRY, OffsetDateTime.class)));
    }

    private static JobColumns columns(Layout layout) {
        Table<?> jobs = layout.jobs();
        Field<String> payload = QueueSql.text(jobs, "payload");
        Field<String> lastError = column(jobs, "last_error", String.class);
        return new JobColumns(column(jobs, "id", Long.class), layout.task(),
                column(jobs, "priority", Integer.class), column(jobs, "attempts", Integer.class),
                column(jobs, "max_attempts", Integer.class), column(jobs, "created_at", OffsetDateTime.class),
                column(jobs, "run_at", OffsetDateTime.class), column(jobs, "locked_at", OffsetDateTime.class),
                inline(null, OffsetDateTime.class), payload, lastError, column(jobs, "locked_by", String.class),
                QueueSql.searchable(payload, lastError));
    }

    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queueName = column(layout.queues(), "queue_name", String.class);
        return db.select(queueName).from(layout.queues()).orderBy(queueName).fetch(queueName);
    }

    /**
     * Not locked. Graphile's functions also take a job locked past {@link #LOCK_EXPIRY} (its worker
     * presumed dead); pgdeck leaves those, shown expired, to the worker's own lock reset.
     */
    private Condition unlocked() {
        return column(layout.jobs(), "locked_at", OffsetDateTime.class).isNull();
    }

    private Field<Integer> attempts() {
        return column(layout.jobs(), "attempts", Integer.class);
    }

    /** Graphile keeps only the last error, with the time it was recorded. */
    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        if (job.lastError() == null) {
            return new JobDetail(job, List.of(), null);
        }
        Table<?> jobs = layout.jobs();
        OffsetDateTime at = db.select(column(jobs, "updated_at", OffsetDateTime.class)).from(jobs)
                .where(column(jobs, "id", Long.class).eq(Long.parseLong(job.id()))).fetchOne(0, OffsetDateTime.class);
        return new JobDetail(job, List.of(new JobError(job.attempt(), at, job.lastError(), null)), null);
    }

    /** Unlocked and failed at least once: reschedule_jobs resets attempts, so a second run finds none. */
    @Override
    protected Optional<JobChange> retry() {
        if (!hasJobFunctions) {
            return Optional.empty();
        }
        return Optional.of(new JobChange("Retry", unlocked().and(attempts().gt(inline(0))),
                graphile("reschedule_jobs", DSL.sql("run_at := pg_catalog.now(), attempts := 0")),
                "Jobs that failed at least once (retrying or permanently failed) run again now with their attempts"
                        + " reset to 0, through Graphile's reschedule_jobs; locked jobs and jobs not yet tried are not"
                        + " touched.", Outcome.counted("job", "rescheduled with attempts reset")));
    }

    /** Every unlocked job that would still run: permanently_fail_jobs uses up its attempts. */
    @Override
    protected Optional<JobChange> cancel() {
        if (!hasJobFunctions) {
            return Optional.empty();
        }
        return Optional.of(new JobChange("Cancel",
                unlocked().and(attempts().lt(column(layout.jobs(), "max_attempts", Integer.class))),
                graphile("permanently_fail_jobs", inline(CANCEL_MESSAGE)),
                "Jobs waiting, scheduled or waiting to retry are marked permanently failed with the error '"
                        + CANCEL_MESSAGE + "' through Graphile's permanently_fail_jobs, so no worker runs them again;"
                        + " locked and already failed jobs are not touched.",
                Outcome.counted("job", "cancelled (permanently failed)")));
    }

    /** complete_jobs deletes unlocked jobs by id, as a worker does with a job that succeeded. */
    @Override
    protected Optional<JobChange> delete() {
        if (!hasJobFunctions) {
            return Optional.empty();
        }
        return Optional.of(new JobChange("Delete", unlocked(), graphile("complete_jobs", null),
                "The jobs are deleted with their payload and error through Graphile's complete_jobs; a locked"
                        + " job is not touched.", Outcome.counted("job", "deleted")));
    }

    /** One of Graphile's functions over the ids of the matching jobs; it returns the jobs it changed. */
    private JobStatement graphile(String function, QueryPart arguments) {
        Field<Long> id = column(layout.jobs(), "id", Long.class);
        return (which, limit) -> {
            var ids = select(id).from(table.table()).where(which);
            Object matching = limit == JobStatement.ALL ? ids : ids.limit(limit);
            Field<Object> call = arguments == null
                    ? field("{0}(ARRAY({1}))", Object.class, name(schema(), function), matching)
                    : field("{0}(ARRAY({1}), {2})", Object.class, name(schema(), function), matching, arguments);
            return "SELECT count(*) FROM " + Sql.render(call);
        };
    }
}
