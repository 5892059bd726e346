package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
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
 * Oban (Elixir): {@code oban_jobs} with enum {@code oban_job_state}, {@code attempt} against
 * {@code max_attempts}, {@code errors jsonb[]}, and timestamps {@code without time zone} holding
 * UTC (read and written as such; an installation with timestamptz columns is read as it is).
 * A retry does what {@code Oban.retry_job} does: available now, and
 * {@code max_attempts = GREATEST(max_attempts, attempt + 1)}. Pausing lives in Oban's running
 * nodes, not in the database, so pgdeck offers none.
 */
public final class ObanAdapter implements QueueAdapter {

    public static final String LIBRARY = "Oban";
    /** Oban's states in the enum's order; "suspended" exists from Oban 2.20's migration. */
    private static final List<String> ALL_STATES = List.of("available", "scheduled", "suspended", "executing",
            "retryable", "completed", "discarded", "cancelled");

    private final String schema;
    private final boolean utc;
    private final boolean errorsArray;
    private final Table<?> jobs;
    private final Field<Long> id;
    private final Field<String> state;
    private final Field<Integer> attempt;
    private final Field<Integer> maxAttempts;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    /**
     * @param utc true when the timestamps are {@code timestamp without time zone} in UTC (Oban for Elixir)
     * @param errorsArray true when {@code errors} is {@code jsonb[]}, false for a {@code jsonb} array
     */
    public ObanAdapter(String schema, Set<String> stateLabels, boolean utc, boolean errorsArray) {
        this.schema = schema;
        this.utc = utc;
        this.errorsArray = errorsArray;
        this.jobs = table(name(schema, "oban_jobs"));
        this.id = column(jobs, "id", Long.class);
        this.state = column(jobs, "state", String.class);
        this.attempt = column(jobs, "attempt", Integer.class);
        this.maxAttempts = column(jobs, "max_attempts", Integer.class);
        List<JobState> states = new ArrayList<>();
        for (String label : ALL_STATES) {
            if (stateLabels.contains(label)) {
                states.add(new JobState(label, shared(label), state.eq(inline(label))));
            }
        }
        Field<OffsetDateTime> scheduledAt = time("scheduled_at");
        Field<OffsetDateTime> attemptedAt = time("attempted_at");
        Field<OffsetDateTime> completedAt = time("completed_at");
        this.table = new JobTable(jobs, column(jobs, "queue", String.class), false, states, scheduledAt, attemptedAt,
                completedAt, DSL.coalesce(time("discarded_at"), attemptedAt), DSL.falseCondition());
        Field<?> errors = field(jobs.getQualifiedName().append("errors"));
        Field<String> args = QueueSql.text(jobs, "args");
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id, column(jobs, "worker", String.class),
                column(jobs, "priority", Integer.class), attempt, maxAttempts, time("inserted_at"), scheduledAt,
                attemptedAt, DSL.coalesce(completedAt, time("discarded_at"), time("cancelled_at")), args,
                JsonErrors.last(errors, errorsArray),
                field("({0})[array_upper({0}, 1)]", String.class, field(jobs.getQualifiedName().append("attempted_by"))),
                QueueSql.searchable(args, errors.cast(String.class))));
    }

    /** Every schema (Oban's "prefix") with an oban_jobs table and its oban_job_state enum. */
    public static List<ObanAdapter> detect(DSLContext db) {
        List<String> enums = QueueCatalog.schemasWithEnum(db, "oban_job_state", "available", "executing", "retryable",
                "discarded", "completed");
        return QueueCatalog.schemasWithTable(db, "oban_jobs", "id", "state", "queue", "worker", "args", "errors",
                        "attempt", "max_attempts", "inserted_at", "scheduled_at").stream()
                .filter(enums::contains)
                .map(s -> new ObanAdapter(s, new HashSet<>(QueueCatalog.enumLabels(db, s, "oban_job_state")),
                        "timestamp without time zone".equals(QueueCatalog.columnType(db, s, "oban_jobs", "scheduled_at")),
                        QueueCatalog.columnType(db, s, "oban_jobs", "errors").endsWith("[]")))
                .toList();
    }

    private static SharedState shared(String label) {
        return switch (label) {
            case "available" -> SharedState.WAITING;
            case "scheduled", "suspended" -> SharedState.SCHEDULED;
            case "executing" -> SharedState.RUNNING;
            case "retryable" -> SharedState.RETRYABLE;
            case "discarded" -> SharedState.DEAD;
            case "completed" -> SharedState.DONE;
            case "cancelled" -> SharedState.CANCELLED;
            default -> throw new IllegalArgumentException("not an Oban state: " + label);
        };
    }

    /** A timestamp column as timestamptz, whichever way the installation stores it. */
    private Field<OffsetDateTime> time(String column) {
        Field<Object> raw = field(jobs.getQualifiedName().append(column));
        return utc ? QueueSql.utc(raw) : field(jobs.getQualifiedName().append(column), OffsetDateTime.class);
    }

    /** Now, in the column's own type: Oban writes {@code timezone('UTC', now())}. */
    private Field<?> now() {
        return utc ? field("timezone('UTC', pg_catalog.now())", LocalDateTime.class) : QueueSql.now();
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

    /** Oban has no queue table: queues are configured in the application. */
    @Override
    public List<String> queues(DSLContext db) {
        return List.of();
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

    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        return browser.find(db, jobId, this).map(job -> new JobDetail(job,
                JsonErrors.read(db, jobs, id, Long.parseLong(job.id()), "errors", errorsArray),
                db.select(QueueSql.text(jobs, "meta")).from(jobs).where(id.eq(Long.parseLong(job.id())))
                        .fetchOne(0, String.class)));
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(ids.size()) + " in Oban (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(retryable()), backToAvailable())),
                RETRY_RISK, "back to available"));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.of(new JobsAction("Retry " + SeedJobQueueAdapter.jobs(matching) + " matching the filter in Oban ("
                + schema + ")", JobUpdates.batches(jobs, id, browser.where(filter).and(retryable()), backToAvailable(),
                matching), RETRY_RISK, "back to available"));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("cancelled")));
        set.put(field(jobs.getQualifiedName().append("cancelled_at")), now());
        Condition notStarted = state.in(inline("available"), inline("scheduled"), inline("retryable"))
                .or(table.inLibraryState("suspended"));
        return Optional.of(new JobsAction("Cancel " + SeedJobQueueAdapter.jobs(ids.size()) + " in Oban (" + schema + ")",
                List.of(JobUpdates.update(jobs, id, id.in(browser.ids(ids)).and(notStarted), set)),
                "Jobs not yet executing become cancelled and no node takes them; executing and finished jobs are not touched.",
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

    private static final String RETRY_RISK = "Retryable, discarded and cancelled jobs become available now and run"
            + " again, with max_attempts raised to at least one more than their attempts (as Oban.retry_job does)."
            + " Executing, waiting and completed jobs are not touched.";

    private Condition retryable() {
        return state.in(inline("retryable"), inline("discarded"), inline("cancelled"));
    }

    private Map<Field<?>, Object> backToAvailable() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline("available")));
        set.put(field(jobs.getQualifiedName().append("scheduled_at")), now());
        set.put(maxAttempts, DSL.greatest(maxAttempts, attempt.plus(inline(1))));
        for (String finished : List.of("completed_at", "discarded_at", "cancelled_at")) {
            set.put(field(jobs.getQualifiedName().append(finished)), inline((Object) null));
        }
        return set;
    }
}
