package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
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
     * Que has no retry of its own: an errored or expired job runs again when its error count and
     * expiry are reset and its run_at is now. A job a worker holds is left alone. Que has no
     * cancel (a job is only ever finished, expired or destroyed by the job itself) and no pause
     * (workers choose their queues at start).
     */
    @Override
    protected Optional<JobChange> retry() {
        Condition retryable = col("finished_at", OffsetDateTime.class).isNull()
                .and(col("expired_at", OffsetDateTime.class).isNotNull().or(col("error_count", Integer.class).gt(inline(0))))
                .and(col("id", Long.class).notIn(lockedIds()));
        return Optional.of(new JobChange("Retry", retryable, update(Map.of(col("error_count", Integer.class), inline(0),
                        col("expired_at", OffsetDateTime.class), inline(null, OffsetDateTime.class),
                        col("run_at", OffsetDateTime.class), DSL.currentOffsetDateTime())),
                "Errored and expired jobs get error_count 0, no expiry and run_at now(), so a worker runs them at once"
                        + " with a fresh retry budget; their last error text stays. Jobs a worker holds, finished jobs"
                        + " and jobs not yet failed are not touched.", Outcome.counted("job", "set to run now")));
    }
}
