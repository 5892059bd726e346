package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Que (1.x and 2.x): one {@code que_jobs} table. Que has no state column; its own
 * {@code que_determine_job_state} names them from {@code expired_at}, {@code finished_at},
 * {@code error_count} and {@code run_at}, and a job being worked is one whose id a worker holds
 * a session advisory lock on ({@code pg_try_advisory_lock(id)}), seen in {@code pg_locks}.
 * Que records no enqueue or start time: a waiting job's age is from its {@code run_at}.
 */
public final class QueAdapter implements QueueAdapter {

    public static final String LIBRARY = "Que";

    private static final String ACTIVE_JOB_WRAPPER = "ActiveJob::QueueAdapters::QueAdapter::JobWrapper";

    private final String schema;
    private final Table<?> jobs;
    private final Field<Long> id;
    private final Field<String> queue;
    private final Field<String> jobClass;
    private final Field<Short> priority;
    private final Field<Integer> errorCount;
    private final Field<OffsetDateTime> runAt;
    private final Field<OffsetDateTime> finishedAt;
    private final Field<OffsetDateTime> expiredAt;
    private final Field<String> args;
    private final Field<String> lastError;
    private final Field<String> backtrace;
    private final JobTable table;
    private final JobTableReader reader;

    QueAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "que_jobs"));
        this.id = col("id", Long.class);
        this.queue = col("queue", String.class);
        this.jobClass = col("job_class", String.class);
        this.priority = col("priority", Short.class);
        this.errorCount = col("error_count", Integer.class);
        this.runAt = col("run_at", OffsetDateTime.class);
        this.finishedAt = col("finished_at", OffsetDateTime.class);
        this.expiredAt = col("expired_at", OffsetDateTime.class);
        this.args = field("{0}::text", String.class, col("args", Object.class));
        this.lastError = col("last_error_message", String.class);
        this.backtrace = col("last_error_backtrace", String.class);
        this.table = describe();
        this.reader = new JobTableReader(table);
    }

    /** Que 1.0 and later: {@code que_jobs} with {@code finished_at} and {@code expired_at}. */
    public static List<QueAdapter> detect(DSLContext db) {
        return QueueCatalog.schemasWithTable(db, "que_jobs", "id", "job_class", "queue", "run_at", "error_count",
                "finished_at", "expired_at").stream().map(QueAdapter::new).toList();
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return field(name(schema, "que_jobs", column), type);
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

    private Condition locked() {
        return id.in(lockedIds());
    }

    private Condition unfinished() {
        return finishedAt.isNull().and(expiredAt.isNull());
    }

    private JobTable describe() {
        Condition free = unfinished().and(id.notIn(lockedIds()));
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        return new JobTable(jobs, queue, false, List.of(
                new JobState("ready", SharedState.WAITING, free.and(errorCount.eq(inline(0))).and(runAt.le(now))),
                new JobState("scheduled", SharedState.SCHEDULED, free.and(errorCount.eq(inline(0))).and(runAt.gt(now))),
                new JobState("errored", SharedState.RETRYABLE, free.and(errorCount.gt(inline(0)))),
                new JobState("locked", SharedState.RUNNING, unfinished().and(locked())),
                new JobState("expired", SharedState.DEAD, expiredAt.isNotNull()),
                new JobState("finished", SharedState.DONE, finishedAt.isNotNull().and(expiredAt.isNull()))),
                runAt, inline(null, OffsetDateTime.class), finishedAt, expiredAt, DSL.falseCondition());
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

    /** Queues with unfinished jobs: Que's poll index covers them; finished jobs' queues are history. */
    @Override
    public List<String> queues(DSLContext db) {
        return db.selectDistinct(queue).from(jobs).where(unfinished()).orderBy(queue).fetch(queue);
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
        Condition where = where(filter);
        if (filter.after() != null) {
            where = where.and(id.lt(LibraryJobs.longIds(List.of(filter.after())).get(0)));
        }
        List<Job> page = selectJobs(db).where(where).orderBy(id.desc()).limit(filter.limit() + 1).fetch(this::toJob);
        boolean more = page.size() > filter.limit();
        List<Job> shown = more ? page.subList(0, filter.limit()) : page;
        return new JobPage(shown, more ? shown.get(shown.size() - 1).id() : null);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, where(filter), exactBelow);
    }

    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return selectJobs(db).where(id.eq(LibraryJobs.longIds(List.of(jobId)).get(0))).fetchOptional(r -> {
            Job job = toJob(r);
            String message = r.get(lastError);
            List<JobError> errors = message == null ? List.of()
                    : List.of(new JobError(r.get(errorCount), null, message, r.get(backtrace)));
            return new JobDetail(job, errors, null);
        });
    }

    private Condition where(JobFilter filter) {
        return LibraryJobs.matching(table, filter, kind(), List.of(args, lastError));
    }

    /** Jobs enqueued through Active Job carry their class in the wrapper's first argument. */
    private Field<String> kind() {
        return when(jobClass.eq(inline(ACTIVE_JOB_WRAPPER)),
                DSL.coalesce(field("{0} -> 0 ->> 'job_class'", String.class, col("args", Object.class)), jobClass))
                .otherwise(jobClass);
    }

    private org.jooq.SelectJoinStep<Record> selectJobs(DSLContext db) {
        return db.select(List.of(id, queue, kind().as("kind"), priority, errorCount, runAt, finishedAt, expiredAt,
                args.as("args"), lastError, backtrace, LibraryJobs.stateIndex(table))).from(jobs);
    }

    private Job toJob(Record r) {
        JobState state = LibraryJobs.state(table, r.get("state_index", Integer.class));
        boolean ran = r.get(finishedAt) != null;
        return new Job(String.valueOf(r.get(id)), ref(r.get(queue)), r.get("kind", String.class),
                state == null ? "unknown" : state.libraryState(), state == null ? null : state.shared(),
                r.get(priority) == null ? null : r.get(priority).intValue(), r.get(errorCount) + (ran ? 1 : 0), null,
                null, r.get(runAt), null, ran ? r.get(finishedAt) : r.get(expiredAt), r.get("args", String.class),
                r.get(lastError), null);
    }

    /**
     * Que has no retry of its own: an errored or expired job runs again when its error count and
     * expiry are reset and its run_at is now. A job a worker holds is left alone.
     */
    @Override
    public Optional<Action> retry(List<String> ids) {
        Condition eligible = retryable().and(id.in(LibraryJobs.longIds(ids)));
        return Optional.of(new JobsAction("Retry " + ids.size() + " Que " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(JobUpdates.update(jobs, id, eligible, reset())), RISK, "set to run now"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        Condition eligible = retryable().and(where(filter));
        return Optional.of(new JobsAction(String.format("Retry %,d errored or expired Que jobs", matching),
                JobUpdates.batches(jobs, id, eligible, reset(), matching), RISK, "set to run now"));
    }

    private static final String RISK = "Errored and expired jobs get error_count 0, no expiry and run_at now(), so"
            + " a worker runs them at once with a fresh retry budget; their last error text stays. Jobs a worker"
            + " holds, finished jobs and jobs not yet failed are not touched.";

    private Condition retryable() {
        return finishedAt.isNull().and(expiredAt.isNotNull().or(errorCount.gt(inline(0))))
                .and(id.notIn(lockedIds()));
    }

    private Map<Field<?>, Object> reset() {
        return Map.of(errorCount, inline(0), expiredAt, inline(null, OffsetDateTime.class), runAt,
                DSL.currentOffsetDateTime());
    }

    /** Que has no cancel: a job is only ever finished, expired or destroyed by the job itself. */
    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.empty();
    }

    /** Que has no pause: workers choose their queues at start. */
    @Override
    public Optional<Action> pause(String queueName) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queueName) {
        return Optional.empty();
    }
}
