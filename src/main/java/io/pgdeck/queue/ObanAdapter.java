package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
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
 * Oban (Elixir): {@code oban_jobs} with enum {@code oban_job_state}, {@code attempt} against
 * {@code max_attempts}, {@code errors jsonb[]}, and timestamps {@code without time zone} holding
 * UTC (read and written as such; an installation with timestamptz columns is read as it is).
 * A retry does what {@code Oban.retry_job} does: available now, and
 * {@code max_attempts = GREATEST(max_attempts, attempt + 1)}. Pausing lives in Oban's running
 * nodes, not in the database, so pgdeck offers none; queues are configured in the application,
 * so they are found in the jobs.
 */
public final class ObanAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Oban";
    /** Oban's states in the enum's order; "suspended" exists from Oban 2.20's migration. */
    private static final List<String> ALL_STATES = List.of("available", "scheduled", "suspended", "executing",
            "retryable", "completed", "discarded", "cancelled");

    private final Table<?> jobs;
    private final boolean utc;
    private final boolean errorsArray;

    /**
     * @param utc true when the timestamps are {@code timestamp without time zone} in UTC (Oban for Elixir)
     * @param errorsArray true when {@code errors} is {@code jsonb[]}, false for a {@code jsonb} array
     */
    public ObanAdapter(String schema, Set<String> stateLabels, boolean utc, boolean errorsArray) {
        super(LIBRARY, schema, describe(jobs(schema), stateLabels, utc), columns(jobs(schema), utc, errorsArray));
        this.jobs = jobs(schema);
        this.utc = utc;
        this.errorsArray = errorsArray;
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

    private static Table<?> jobs(String schema) {
        return table(name(schema, "oban_jobs"));
    }

    private static JobTable describe(Table<?> jobs, Set<String> stateLabels, boolean utc) {
        Field<OffsetDateTime> attemptedAt = time(jobs, utc, "attempted_at");
        return new JobTable(jobs, column(jobs, "queue", String.class), false,
                JobTable.statesOf(column(jobs, "state", String.class), ALL_STATES, ObanAdapter::shared, stateLabels),
                time(jobs, utc, "scheduled_at"), attemptedAt, time(jobs, utc, "completed_at"),
                DSL.coalesce(time(jobs, utc, "discarded_at"), attemptedAt), DSL.falseCondition());
    }

    private static JobColumns columns(Table<?> jobs, boolean utc, boolean errorsArray) {
        Field<?> errors = field(jobs.getQualifiedName().append("errors"));
        Field<String> args = QueueSql.text(jobs, "args");
        return new JobColumns(column(jobs, "id", Long.class), column(jobs, "worker", String.class),
                column(jobs, "priority", Integer.class), column(jobs, "attempt", Integer.class),
                column(jobs, "max_attempts", Integer.class), time(jobs, utc, "inserted_at"),
                time(jobs, utc, "scheduled_at"), time(jobs, utc, "attempted_at"),
                DSL.coalesce(time(jobs, utc, "completed_at"), time(jobs, utc, "discarded_at"),
                        time(jobs, utc, "cancelled_at")),
                args, JsonErrors.last(errors, errorsArray),
                QueueSql.last(field(jobs.getQualifiedName().append("attempted_by"))),
                QueueSql.searchable(args, errors.cast(String.class)));
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
    private static Field<OffsetDateTime> time(Table<?> jobs, boolean utc, String column) {
        return utc ? QueueSql.utc(field(jobs.getQualifiedName().append(column)))
                : column(jobs, column, OffsetDateTime.class);
    }

    /** Now, in the column's own type: Oban writes {@code timezone('UTC', now())}. */
    private Field<?> now() {
        return utc ? field("timezone('UTC', pg_catalog.now())", LocalDateTime.class) : QueueSql.now();
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        Field<Long> id = column(jobs, "id", Long.class);
        long key = Long.parseLong(job.id());
        return new JobDetail(job, JsonErrors.read(db, jobs, id, key, "errors", errorsArray),
                db.select(QueueSql.text(jobs, "meta")).from(jobs).where(id.eq(key)).fetchOne(0, String.class));
    }

    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> attempt = column(jobs, "attempt", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("available"));
        set.put(field(jobs.getQualifiedName().append("scheduled_at")), now());
        set.put(maxAttempts, DSL.greatest(maxAttempts, attempt.plus(inline(1))));
        for (String finished : List.of("completed_at", "discarded_at", "cancelled_at")) {
            set.put(field(jobs.getQualifiedName().append(finished)), inline((Object) null));
        }
        return Optional.of(new JobChange("Retry", table.inLibraryState("retryable", "discarded", "cancelled"),
                update(set), "Retryable, discarded and cancelled jobs become available now and run again, with"
                        + " max_attempts raised to at least one more than their attempts (as Oban.retry_job does)."
                        + " Executing, waiting and completed jobs are not touched.",
                Outcome.counted("job", "back to available")));
    }

    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
        set.put(field(jobs.getQualifiedName().append("cancelled_at")), now());
        return Optional.of(new JobChange("Cancel", table.inLibraryState("available", "scheduled", "retryable", "suspended"),
                update(set), "Jobs not yet executing become cancelled and no node takes them; executing and finished"
                        + " jobs are not touched.", Outcome.counted("job", "cancelled")));
    }
}
