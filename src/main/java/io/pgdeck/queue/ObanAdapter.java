package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Oban (Elixir): {@code oban_jobs} with enum {@code oban_job_state}, {@code attempt} against
 * {@code max_attempts}, {@code errors jsonb[]}, and timestamps {@code without time zone} holding
 * UTC (read and written as such; an installation with timestamptz columns is read as it is).
 * Pausing lives in Oban's running nodes, not in the database, so pgdeck offers none; queues are
 * configured in the application, so they are found in the jobs.
 *
 * <p>Oban's schema history, which decides what an installation can do. Migrations were modules
 * of lib/oban/migrations.ex until 2.3 and are lib/oban/migrations/postgres/vNN.ex since 2.4; the
 * release named is the first that shipped each:
 * <ul>
 * <li>V01 (0.1.0): oban_jobs with id, state, queue, worker, args, errors, attempt, max_attempts,
 *     inserted_at, scheduled_at, attempted_at, completed_at; the enum's first six states. A
 *     discarded job's end is its completed_at (Oban.Query.discard_job and retry_job, 0.12.0).
 * <li>V03 (0.8.0): attempted_by, the nodes that ran a job.
 * <li>V08 (1.0.0): discarded_at, priority, tags. Oban.cancel_job (1.3.0) then discards a job not
 *     yet executing (Oban.Query.cancel_job, 2.2.0) and Oban.retry_job (2.2.0) clears discarded_at.
 * <li>V09 (2.3.0): meta, cancelled_at and the state 'cancelled', which cancel_job then sets.
 * <li>V14 (2.21.0): the state 'suspended' (held until resumed; V01's enum has it since 2.21.0).
 * </ul>
 * V02, V04-V07 and V10-V13 change indexes, constraints, triggers and oban_peers only.
 */
public final class ObanAdapter extends JobTableAdapter {

    public static final String LIBRARY = "Oban";
    /** Oban's states in its enum's order since V14; an installation has the ones its migrations added. */
    private static final List<String> ALL_STATES = List.of("available", "suspended", "scheduled", "executing",
            "retryable", "completed", "discarded", "cancelled");
    /** Columns later migrations added, read where present: V03, V08 (three), V09 (two). */
    static final List<String> OPTIONAL_COLUMNS = List.of("attempted_by", "discarded_at", "priority", "meta",
            "cancelled_at");

    private final Table<?> jobs;
    private final Set<String> columns;
    private final Set<String> stateLabels;
    private final boolean utc;
    private final boolean errorsArray;

    /**
     * @param stateLabels the labels of the installation's oban_job_state
     * @param optionalColumns which of {@link #OPTIONAL_COLUMNS} oban_jobs has
     * @param utc true when the timestamps are {@code timestamp without time zone} in UTC (Oban for Elixir)
     * @param errorsArray true when {@code errors} is {@code jsonb[]}, false for a {@code jsonb} array
     */
    public ObanAdapter(String schema, Set<String> stateLabels, Set<String> optionalColumns, boolean utc,
            boolean errorsArray) {
        super(LIBRARY, schema, describe(jobs(schema), stateLabels, optionalColumns, utc),
                columns(jobs(schema), optionalColumns, utc, errorsArray));
        this.jobs = jobs(schema);
        this.columns = Set.copyOf(optionalColumns);
        this.stateLabels = Set.copyOf(stateLabels);
        this.utc = utc;
        this.errorsArray = errorsArray;
    }

    /** Every schema (Oban's "prefix") with an oban_jobs table of V01 and its oban_job_state enum. */
    public static List<ObanAdapter> detect(DSLContext db) {
        List<String> enums = QueueCatalog.schemasWithEnum(db, "oban_job_state", "available", "scheduled", "executing",
                "retryable", "completed", "discarded");
        return QueueCatalog.schemasWithTable(db, "oban_jobs", "id", "state", "queue", "worker", "args", "errors",
                        "attempt", "max_attempts", "inserted_at", "scheduled_at", "attempted_at", "completed_at").stream()
                .filter(enums::contains)
                .map(s -> new ObanAdapter(s, new HashSet<>(QueueCatalog.enumLabels(db, s, "oban_job_state")),
                        OPTIONAL_COLUMNS.stream().filter(c -> QueueCatalog.columnType(db, s, "oban_jobs", c) != null)
                                .collect(Collectors.toSet()),
                        "timestamp without time zone".equals(QueueCatalog.columnType(db, s, "oban_jobs", "scheduled_at")),
                        QueueCatalog.columnType(db, s, "oban_jobs", "errors").endsWith("[]")))
                .toList();
    }

    private static Table<?> jobs(String schema) {
        return table(name(schema, "oban_jobs"));
    }

    private static JobTable describe(Table<?> jobs, Set<String> stateLabels, Set<String> columns, boolean utc) {
        Field<OffsetDateTime> attemptedAt = time(jobs, utc, "attempted_at");
        return new JobTable(jobs, column(jobs, "queue", String.class), false,
                JobTable.statesOf(column(jobs, "state", String.class), ALL_STATES, ObanAdapter::shared, stateLabels),
                time(jobs, utc, "scheduled_at"), attemptedAt, finished(jobs, columns, utc),
                columns.contains("discarded_at") ? DSL.coalesce(time(jobs, utc, "discarded_at"), attemptedAt) : attemptedAt,
                DSL.falseCondition());
    }

    /** When a job reached its end: completed_at, or where the installation has them discarded_at and cancelled_at. */
    private static Field<OffsetDateTime> finished(Table<?> jobs, Set<String> columns, boolean utc) {
        List<Field<OffsetDateTime>> ends = new ArrayList<>(List.of(time(jobs, utc, "completed_at")));
        for (String end : List.of("discarded_at", "cancelled_at")) {
            if (columns.contains(end)) {
                ends.add(time(jobs, utc, end));
            }
        }
        return ends.size() == 1 ? ends.get(0) : DSL.coalesce(ends.get(0), ends.subList(1, ends.size()).toArray(Field[]::new));
    }

    private static JobColumns columns(Table<?> jobs, Set<String> columns, boolean utc, boolean errorsArray) {
        Field<?> errors = field(jobs.getQualifiedName().append("errors"));
        Field<String> args = QueueSql.text(jobs, "args");
        return new JobColumns(column(jobs, "id", Long.class), column(jobs, "worker", String.class),
                columns.contains("priority") ? column(jobs, "priority", Integer.class) : inline(null, Integer.class),
                column(jobs, "attempt", Integer.class), column(jobs, "max_attempts", Integer.class),
                time(jobs, utc, "inserted_at"), time(jobs, utc, "scheduled_at"), time(jobs, utc, "attempted_at"),
                finished(jobs, columns, utc), args, JsonErrors.last(errors, errorsArray),
                columns.contains("attempted_by") ? QueueSql.last(field(jobs.getQualifiedName().append("attempted_by")))
                        : inline(null, String.class),
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

    private Field<Object> raw(String column) {
        return field(jobs.getQualifiedName().append(column));
    }

    @Override
    public List<String> limits() {
        List<String> limits = new ArrayList<>();
        if (!columns.contains("discarded_at")) {
            limits.add("schema before migration V08: no cancel (Oban.cancel_job needs V08's discarded_at), and the"
                    + " retry is Oban.retry_job's (2.2.0) on the columns V01 has.");
        } else if (!stateLabels.contains("cancelled")) {
            limits.add("schema before migration V09: no 'cancelled' state, so a cancel discards the jobs, as"
                    + " Oban.cancel_job did then.");
        }
        return limits;
    }

    @Override
    protected JobDetail detail(DSLContext db, Job job) {
        Field<Long> id = column(jobs, "id", Long.class);
        long key = Long.parseLong(job.id());
        return new JobDetail(job, JsonErrors.read(db, jobs, id, key, "errors", errorsArray), columns.contains("meta")
                ? db.select(QueueSql.text(jobs, "meta")).from(jobs).where(id.eq(key)).fetchOne(0, String.class) : null);
    }

    /**
     * Oban.retry_job as the Basic engine's retry_all_jobs does it (lib/oban/engines/basic.ex, and
     * Oban.Query.retry_job in 2.2.0): available now, max_attempts raised to at least attempt + 1 so
     * that fetch_jobs' {@code attempt < max_attempts} takes an exhausted job, and the end
     * timestamps the installation has cleared. Oban also moves scheduled and completed jobs;
     * pgdeck's retry runs failed jobs only, as every adapter's does.
     */
    @Override
    protected Optional<JobChange> retry() {
        Field<Integer> attempt = column(jobs, "attempt", Integer.class);
        Field<Integer> maxAttempts = column(jobs, "max_attempts", Integer.class);
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(column(jobs, "state", String.class), QueueSql.literal("available"));
        set.put(raw("scheduled_at"), now());
        set.put(maxAttempts, DSL.greatest(maxAttempts, attempt.plus(inline(1))));
        set.put(raw("completed_at"), inline((Object) null));
        for (String end : List.of("discarded_at", "cancelled_at")) {
            if (columns.contains(end)) {
                set.put(raw(end), inline((Object) null));
            }
        }
        return Optional.of(new JobChange("Retry", table.inLibraryState("retryable", "discarded", "cancelled"),
                update(set), "Retryable, discarded and cancelled jobs become available now and run again, with"
                        + " max_attempts raised to at least one more than their attempts (as Oban.retry_job does)."
                        + " Executing, waiting and completed jobs are not touched.",
                Outcome.counted("job", "back to available")));
    }

    /**
     * Oban.cancel_job without the kill: the Basic engine's cancel_all_jobs sets cancelled and
     * cancelled_at (V09); before V09 Oban.Query.cancel_job (2.2.0) discarded available,
     * scheduled and retryable jobs with discarded_at (V08); before V08 Oban had no cancel.
     * An executing job is left alone: Oban kills it through its nodes, which pgdeck is not.
     */
    @Override
    protected Optional<JobChange> cancel() {
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        if (stateLabels.contains("cancelled") && columns.contains("cancelled_at")) {
            set.put(column(jobs, "state", String.class), QueueSql.literal("cancelled"));
            set.put(raw("cancelled_at"), now());
            return Optional.of(new JobChange("Cancel", table.inLibraryState("available", "suspended", "scheduled",
                    "retryable"), update(set), "Jobs not yet executing become cancelled and no node takes them;"
                            + " executing and finished jobs are not touched.", Outcome.counted("job", "cancelled")));
        }
        if (columns.contains("discarded_at")) {
            set.put(column(jobs, "state", String.class), QueueSql.literal("discarded"));
            set.put(raw("discarded_at"), now());
            return Optional.of(new JobChange("Discard", table.inLibraryState("available", "scheduled", "retryable"),
                    update(set), "This Oban schema (before V09) has no cancelled state: as Oban.cancel_job did then,"
                            + " jobs not yet executing are discarded and no node takes them; executing and finished"
                            + " jobs are not touched.", Outcome.counted("job", "discarded")));
        }
        return Optional.empty();
    }
}
