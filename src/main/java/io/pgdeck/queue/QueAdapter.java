package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.action.Sql;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Que (1.x and 2.x): one {@code que_jobs} table. Que has no state column; its own
 * {@code que_determine_job_state} names them from {@code expired_at}, {@code finished_at},
 * {@code error_count} and {@code run_at}, and a job being worked is one whose id a worker holds
 * a session advisory lock on ({@code pg_try_advisory_lock(id)}), seen in {@code pg_locks}.
 * Que records no enqueue or start time: a waiting job's age is from its {@code run_at}, and
 * pages go newest first by id.
 *
 * <p>Schema history (que-rb/que lib/que/migrations/N/up.sql; the version is the table's comment):
 * <ul>
 * <li>1-3 (Que 0.x): que_jobs keyed by (queue, priority, run_at, job_id), no finished or expired
 *     jobs kept; not detected, pgdeck needs what 4 added.
 * <li>4 (Que 1.0): id, finished_at, expired_at, last_error_message and _backtrace, data, que_lockers,
 *     que_determine_job_state; everything pgdeck reads and changes.
 * <li>5 (Que 1.3): job_schema_version, which workers poll by; 6 (Que 2.0): kwargs, job_schema_version
 *     NOT NULL; 7 (Que 2.1): notify triggers skippable. None of them changes what pgdeck does.
 * </ul>
 * Que itself has no retry, cancel, pause or delete outside a running job; pgdeck's retry and delete
 * are que-web's (statianzo/que-web lib/que/web/sql.rb), which takes each job's advisory lock first.
 */
public final class QueAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Que";

    private static final String ACTIVE_JOB_WRAPPER = "ActiveJob::QueueAdapters::QueAdapter::JobWrapper";

    QueAdapter(String schema) {
        super(LIBRARY, schema, describe(schema), columns(schema));
    }

    /** Que 1.0 and later: {@code que_jobs} with {@code finished_at} and {@code expired_at}. */
    public static List<QueAdapter> detect(DSLContext db) {
        return QueueCatalog.schemasWithTable(db, "que_jobs", "id", "job_class", "queue", "run_at", "error_count",
                "finished_at", "expired_at").stream().map(QueAdapter::new).toList();
    }

    private static <T> Field<T> col(String schema, String column, Class<T> type) {
        return field(name(schema, "que_jobs", column), type);
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return col(schema(), column, type);
    }

    /**
     * Ids a Que worker holds: Que locks {@code pg_try_advisory_lock(id)}, which pg_locks shows as
     * an advisory lock with objsubid 1, the key's high half in classid and its low half in objid.
     */
    private static org.jooq.Select<org.jooq.Record1<Long>> lockedIds() {
        var locks = table(name("pg_catalog", "pg_locks"));
        Field<Long> key = field("(({0}::bigint << 32) | {1}::bigint)", Long.class,
                field(name("classid")), field(name("objid")));
        return select(key).from(locks)
                .where(field(name("locktype"), String.class).eq(inline("advisory")))
                .and(field(name("objsubid"), Integer.class).eq(inline(1)))
                .and(field(name("granted"), Boolean.class).isTrue())
                .and(field(name("database")).eq(field("(SELECT oid FROM pg_catalog.pg_database"
                        + " WHERE datname = pg_catalog.current_database())")));
    }

    private static Condition unfinished(String schema) {
        return col(schema, "finished_at", OffsetDateTime.class).isNull().and(col(schema, "expired_at", OffsetDateTime.class).isNull());
    }

    private static JobTable describe(String schema) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<Integer> errorCount = col(schema, "error_count", Integer.class);
        Field<OffsetDateTime> runAt = col(schema, "run_at", OffsetDateTime.class);
        Field<OffsetDateTime> finishedAt = col(schema, "finished_at", OffsetDateTime.class);
        Field<OffsetDateTime> expiredAt = col(schema, "expired_at", OffsetDateTime.class);
        Condition free = unfinished(schema).and(id.notIn(lockedIds()));
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        return new JobTable(table(name(schema, "que_jobs")), col(schema, "queue", String.class), false, List.of(
                new JobState("ready", SharedState.WAITING, free.and(errorCount.eq(inline(0))).and(runAt.le(now))),
                new JobState("scheduled", SharedState.SCHEDULED, free.and(errorCount.eq(inline(0))).and(runAt.gt(now))),
                new JobState("errored", SharedState.RETRYABLE, free.and(errorCount.gt(inline(0)))),
                new JobState("locked", SharedState.RUNNING, unfinished(schema).and(id.in(lockedIds()))),
                new JobState("expired", SharedState.DEAD, expiredAt.isNotNull()),
                new JobState("finished", SharedState.DONE, finishedAt.isNotNull().and(expiredAt.isNull()))),
                runAt, inline(null, OffsetDateTime.class), finishedAt, expiredAt, DSL.falseCondition());
    }

    /** A finished job ran once more than it errored; jobs enqueued through Active Job carry their class in the wrapper. */
    private static JobColumns columns(String schema) {
        Field<Long> id = col(schema, "id", Long.class);
        Field<String> jobClass = col(schema, "job_class", String.class);
        Field<OffsetDateTime> finishedAt = col(schema, "finished_at", OffsetDateTime.class);
        Field<String> args = field("{0}::text", String.class, col(schema, "args", Object.class));
        Field<String> lastError = col(schema, "last_error_message", String.class);
        Field<String> kind = when(jobClass.eq(inline(ACTIVE_JOB_WRAPPER)),
                DSL.coalesce(field("{0} -> 0 ->> 'job_class'", String.class, col(schema, "args", Object.class)), jobClass))
                .otherwise(jobClass);
        return new JobColumns(id, kind, col(schema, "priority", Integer.class),
                col(schema, "error_count", Integer.class).plus(when(finishedAt.isNotNull(), inline(1)).otherwise(inline(0))),
                inline(null, Integer.class), inline(null, OffsetDateTime.class), col(schema, "run_at", OffsetDateTime.class),
                inline(null, OffsetDateTime.class), DSL.coalesce(finishedAt, col(schema, "expired_at", OffsetDateTime.class)),
                args, lastError, inline((String) null), QueueSql.searchable(args, lastError), List.of(id));
    }

    /** Queues with unfinished jobs: Que's poll index covers them; finished jobs' queues are history. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> queue = col("queue", String.class);
        return db.selectDistinct(queue).from(table.table()).where(unfinished(schema())).orderBy(queue).fetch(queue);
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        if (job.lastError() == null) {
            return new JobDetail(job, List.of(), null);
        }
        var r = db.select(col("error_count", Integer.class), col("last_error_backtrace", String.class))
                .from(table.table()).where(col("id", Long.class).eq(Long.parseLong(job.id()))).fetchOne();
        return new JobDetail(job, List.of(new JobError(r == null ? null : r.value1(), null, job.lastError(),
                r == null ? null : r.value2())), null);
    }

    /**
     * que-web's reschedule (lib/que/web/sql.rb, reschedule_job and reschedule_all_failing_jobs): jobs
     * that errored get run_at now and no expiry, taken under their advisory lock so a worker holding
     * one is skipped. Only jobs it moves: expired ones and those waiting out a backoff; a finished
     * job or one already due would be polled the same without it.
     */
    @Override
    protected Optional<JobChange> retry() {
        Condition failing = col("error_count", Integer.class).gt(inline(0))
                .and(col("finished_at", OffsetDateTime.class).isNull())
                .and(col("expired_at", OffsetDateTime.class).isNotNull().or(col("run_at", OffsetDateTime.class).gt(QueueSql.now())))
                .and(col("id", Long.class).notIn(lockedIds()));
        return Optional.of(new JobChange("Retry", failing, locked("UPDATE {0} AS j SET run_at = pg_catalog.now(), expired_at = NULL"
                        + " FROM target WHERE j.id = target.id AND j.error_count > 0 AND j.finished_at IS NULL RETURNING j.id"),
                "As que-web's reschedule: errored and expired jobs get run_at now and no expiry, so a worker runs"
                        + " them at once. Their error count stays, so Que's retries go on from it: an expired job that"
                        + " fails again expires again. Each job's advisory lock is taken first, so a job a worker"
                        + " holds is not touched; finished jobs and jobs that never failed are not either.",
                Outcome.counted("job", "set to run now")));
    }

    /** que-web's delete (delete_job, delete_all_failing_jobs): any job no worker holds, under its advisory lock. */
    @Override
    protected Optional<JobChange> delete() {
        return Optional.of(new JobChange("Delete", col("id", Long.class).notIn(lockedIds()),
                locked("DELETE FROM {0} AS j USING target WHERE j.id = target.id RETURNING j.id"),
                "The jobs are deleted for good with their arguments and errors, as que-web deletes them: each"
                        + " job's advisory lock is taken first, so a job a worker holds is not touched.",
                Outcome.counted("job", "deleted")));
    }

    /**
     * A change under the jobs' advisory locks, as que-web's {@code pg_try_advisory_lock(id)} target:
     * here the transaction-scoped lock, which conflicts with a worker's session lock the same way and
     * is let go at commit. {@code change} reads the locked ids from {@code target}.
     */
    private JobStatement locked(String change) {
        return (which, limit) -> Sql.render(DSL.query("WITH candidates AS MATERIALIZED (SELECT {1} AS id"
                + " FROM {0} WHERE {2} ORDER BY 1 {3}),"
                + " target AS MATERIALIZED (SELECT id FROM candidates WHERE pg_catalog.pg_try_advisory_xact_lock(id)),"
                + " changed AS (" + change + ") SELECT count(*) FROM changed", table.table(), col("id", Long.class), which,
                JobStatement.limit(limit)));
    }
}
