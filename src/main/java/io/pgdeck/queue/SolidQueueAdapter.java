package io.pgdeck.queue;

import static io.pgdeck.queue.LibraryJobs.utc;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Solid Queue (Rails 8's default): {@code solid_queue_jobs} plus one execution table per state;
 * a job is ready, scheduled, blocked (by a concurrency limit), claimed (by a worker) or failed
 * according to which execution row exists for it, and finished when finished_at is set (Solid
 * Queue keeps finished jobs a day by default). Queues are paused by a row in
 * {@code solid_queue_pauses}. Timestamps are Rails datetimes: UTC without time zone.
 */
public final class SolidQueueAdapter implements QueueAdapter {

    public static final String LIBRARY = "Solid Queue";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String schema;
    private final Table<?> jobs;
    private final Field<Long> id;
    private final Field<String> queue;
    private final Field<String> className;
    private final Field<LocalDateTime> createdAt;
    private final Field<LocalDateTime> finishedAt;
    private final Field<String> args;
    private final JobTable table;
    private final JobTableReader reader;
    private final SolidQueueActions actions;

    SolidQueueAdapter(String schema) {
        this.schema = schema;
        this.jobs = table(name(schema, "solid_queue_jobs"));
        this.id = col("id", Long.class);
        this.queue = col("queue_name", String.class);
        this.className = col("class_name", String.class);
        this.createdAt = col("created_at", LocalDateTime.class);
        this.finishedAt = col("finished_at", LocalDateTime.class);
        this.args = col("arguments", String.class);
        this.table = describe();
        this.reader = new JobTableReader(table);
        this.actions = new SolidQueueActions(schema, this);
    }

    /** Solid Queue: its jobs table beside the ready and failed execution tables. */
    public static List<SolidQueueAdapter> detect(DSLContext db) {
        List<String> ready = QueueCatalog.schemasWithTable(db, "solid_queue_ready_executions", "job_id", "queue_name");
        List<String> failed = QueueCatalog.schemasWithTable(db, "solid_queue_failed_executions", "job_id", "error");
        return QueueCatalog.schemasWithTable(db, "solid_queue_jobs", "id", "queue_name", "class_name", "arguments",
                "finished_at").stream().filter(s -> ready.contains(s) && failed.contains(s))
                .map(SolidQueueAdapter::new).toList();
    }

    <T> Field<T> col(String column, Class<T> type) {
        return field(name(schema, "solid_queue_jobs", column), type);
    }

    Table<?> jobsTable() {
        return jobs;
    }

    Field<Long> id() {
        return id;
    }

    Table<?> executions(String state) {
        return table(name(schema, "solid_queue_" + state + "_executions"));
    }

    Field<Long> jobIdOf(String state) {
        return field(name(schema, "solid_queue_" + state + "_executions", "job_id"), Long.class);
    }

    /** Jobs with a row in the state's execution table: a hashed lookup, built once per query. */
    Condition has(String state) {
        return id.in(select(jobIdOf(state)).from(executions(state)));
    }

    /** A column of the job's execution row in that state, looked up for the rows that need it. */
    private <T> Field<T> ofExecution(String state, String column, Class<T> type) {
        return field(select(field(name(schema, "solid_queue_" + state + "_executions", column), type))
                .from(executions(state)).where(jobIdOf(state).eq(id)));
    }

    private JobTable describe() {
        Condition unfinished = finishedAt.isNull();
        return new JobTable(jobs, queue, false, List.of(
                new JobState("ready", SharedState.WAITING, unfinished.and(has("ready"))),
                new JobState("blocked", SharedState.WAITING, unfinished.and(has("blocked"))),
                new JobState("scheduled", SharedState.SCHEDULED, unfinished.and(has("scheduled"))),
                new JobState("claimed", SharedState.RUNNING, unfinished.and(has("claimed"))),
                new JobState("failed", SharedState.DEAD, unfinished.and(has("failed"))),
                new JobState("finished", SharedState.DONE, finishedAt.isNotNull())),
                // Solid Queue sets scheduled_at to the enqueue time of a job that runs at once
                utc(DSL.coalesce(col("scheduled_at", LocalDateTime.class), createdAt)),
                utc(ofExecution("claimed", "created_at", LocalDateTime.class)), utc(finishedAt),
                utc(ofExecution("failed", "created_at", LocalDateTime.class)), DSL.falseCondition());
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

    /** Queues of every execution and every pause: the execution tables are small, the jobs table is not. */
    @Override
    public List<String> queues(DSLContext db) {
        Field<String> q = field(name("q"), String.class);
        var withQueue = select(field(name(schema, "solid_queue_ready_executions", "queue_name"), String.class).as("q"))
                .from(executions("ready"))
                .union(select(field(name(schema, "solid_queue_scheduled_executions", "queue_name"), String.class))
                        .from(executions("scheduled")))
                .union(select(field(name(schema, "solid_queue_blocked_executions", "queue_name"), String.class))
                        .from(executions("blocked")))
                .union(select(field(name(schema, "solid_queue_pauses", "queue_name"), String.class))
                        .from(table(name(schema, "solid_queue_pauses"))))
                .union(select(queue).from(jobs).where(has("claimed").or(has("failed"))));
        return new ArrayList<>(new TreeSet<>(db.select(q).from(withQueue.asTable("queues")).fetch(q)));
    }

    Set<String> paused(DSLContext db) {
        Field<String> q = field(name(schema, "solid_queue_pauses", "queue_name"), String.class);
        return new TreeSet<>(db.select(q).from(table(name(schema, "solid_queue_pauses"))).fetch(q));
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), paused(db));
    }

    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        return reader.throughput(db, window, this, queues(db));
    }

    /** Newest first by id: Solid Queue has no index on created_at, ids follow enqueue order. */
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
            String raw = r.get("error", String.class);
            List<JobError> errors = raw == null ? List.of() : List.of(error(raw, r.get("failed_at", OffsetDateTime.class)));
            return new JobDetail(job, errors, null);
        });
    }

    Condition where(JobFilter filter) {
        return LibraryJobs.matching(table, filter, className, List.of(args, ofExecution("failed", "error", String.class)));
    }

    private org.jooq.SelectJoinStep<Record> selectJobs(DSLContext db) {
        Table<?> processes = table(name(schema, "solid_queue_processes"));
        Field<String> worker = field(select(DSL.concat(field(name(schema, "solid_queue_processes", "name"), String.class),
                DSL.inline("@"), DSL.coalesce(field(name(schema, "solid_queue_processes", "hostname"), String.class), DSL.inline(""))))
                .from(processes)
                .where(field(name(schema, "solid_queue_processes", "id"), Long.class)
                        .eq(ofExecution("claimed", "process_id", Long.class))));
        return db.select(List.of(id, queue, className, col("priority", Integer.class).as("priority"),
                utc(createdAt).as("created"), utc(col("scheduled_at", LocalDateTime.class)).as("scheduled"),
                utc(ofExecution("claimed", "created_at", LocalDateTime.class)).as("started"), utc(finishedAt).as("finished"),
                args, ofExecution("failed", "error", String.class).as("error"),
                utc(ofExecution("failed", "created_at", LocalDateTime.class)).as("failed_at"), worker.as("worker"),
                LibraryJobs.stateIndex(table))).from(jobs);
    }

    private Job toJob(Record r) {
        JobState state = LibraryJobs.state(table, r.get("state_index", Integer.class));
        String raw = r.get("error", String.class);
        return new Job(String.valueOf(r.get(id)), ref(r.get(queue)), r.get(className),
                state == null ? "unknown" : state.libraryState(), state == null ? null : state.shared(),
                r.get("priority", Integer.class), activeJobExecutions(r.get(args)), null, r.get("created", OffsetDateTime.class),
                r.get("scheduled", OffsetDateTime.class), r.get("started", OffsetDateTime.class),
                r.get("finished", OffsetDateTime.class), r.get(args), raw == null ? null : error(raw, null).message(),
                r.get("worker", String.class));
    }

    /** Active Job's executions count from the serialized arguments; 0 when they are not JSON. */
    private static int activeJobExecutions(String arguments) {
        try {
            return arguments == null ? 0 : JSON.readTree(arguments).path("executions").asInt(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Solid Queue stores the error as JSON: exception_class, message, backtrace. */
    static JobError error(String raw, OffsetDateTime at) {
        try {
            JsonNode e = JSON.readTree(raw);
            if (e.isObject()) {
                List<String> trace = new ArrayList<>();
                e.path("backtrace").forEach(line -> trace.add(line.asText()));
                return new JobError(null, at, e.path("exception_class").asText("") + ": " + e.path("message").asText(""),
                        trace.isEmpty() ? null : String.join("\n", trace));
            }
        } catch (java.io.IOException e) {
            // not JSON: shown as stored
        }
        return new JobError(null, at, raw, null);
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(actions.retry(ids));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(actions.retryMatching(where(filter), matching));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.of(actions.discard(ids));
    }

    @Override
    public Optional<Action> pause(String queueName) {
        return Optional.of(actions.pause(queueName));
    }

    @Override
    public Optional<Action> resume(String queueName) {
        return Optional.of(actions.resume(queueName));
    }
}
