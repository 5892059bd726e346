package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A home-grown queue table read through a user's {@link CustomMapping}. A retry sets failed jobs
 * to the first waiting value, due now, and (when attempts are mapped) allows one more attempt;
 * a cancel sets waiting and scheduled jobs to the first cancelled value. No pause.
 */
public final class CustomQueueAdapter extends JobTableAdapter {

    private final CustomMapping mapping;
    private final Table<?> jobs;

    public CustomQueueAdapter(CustomMapping mapping, Class<?> idType) {
        super(mapping.name(), mapping.schema(), describe(mapping), columns(mapping, idType));
        this.mapping = mapping;
        this.jobs = jobs(mapping);
    }

    /**
     * The mappings whose table exists with every mapped column. The id's type is read from the
     * catalog so pages and actions compare ids as the table stores them.
     */
    public static List<CustomQueueAdapter> detect(DSLContext db, List<CustomMapping> mappings) {
        List<CustomQueueAdapter> found = new ArrayList<>();
        for (CustomMapping m : mappings) {
            if (!m.problems().isEmpty() || !QueueCatalog.schemasWithTable(db, m.table(), m.columns().toArray(String[]::new))
                    .contains(m.schema())) {
                continue;
            }
            String idType = QueueCatalog.columnType(db, m.schema(), m.table(), m.idColumn());
            found.add(new CustomQueueAdapter(m, javaType(idType)));
        }
        return found;
    }

    /** Why a mapping finds nothing in this database, in one sentence; empty when it does. */
    public static Optional<String> check(DSLContext db, CustomMapping m) {
        if (!m.problems().isEmpty()) {
            return Optional.of(m.problems().get(0));
        }
        for (String column : m.columns()) {
            if (QueueCatalog.columnType(db, m.schema(), m.table(), column) == null) {
                return Optional.of("Table " + m.schema() + "." + m.table() + " has no column " + column + ".");
            }
        }
        return Optional.empty();
    }

    static Class<?> javaType(String sqlType) {
        if (sqlType == null) {
            return String.class;
        }
        return switch (sqlType) {
            case "bigint" -> Long.class;
            case "integer", "smallint" -> Integer.class;
            case "uuid" -> java.util.UUID.class;
            default -> String.class;
        };
    }

    private static Table<?> jobs(CustomMapping m) {
        return table(name(m.schema(), m.table()));
    }

    private static JobTable describe(CustomMapping m) {
        Table<?> jobs = jobs(m);
        Field<String> state = column(jobs, m.stateColumn(), String.class);
        List<JobState> states = new ArrayList<>();
        add(states, state, m.waiting(), SharedState.WAITING);
        add(states, state, m.scheduled(), SharedState.SCHEDULED);
        add(states, state, m.running(), SharedState.RUNNING);
        add(states, state, m.retryable(), SharedState.RETRYABLE);
        add(states, state, m.dead(), SharedState.DEAD);
        add(states, state, m.done(), SharedState.DONE);
        add(states, state, m.cancelled(), SharedState.CANCELLED);
        Field<OffsetDateTime> created = time(jobs, m.createdColumn());
        Field<OffsetDateTime> started = time(jobs, m.startedColumn());
        Field<OffsetDateTime> finished = time(jobs, m.finishedColumn());
        boolean single = m.queueColumn() == null;
        return new JobTable(jobs, single ? inline(m.table()) : column(jobs, m.queueColumn(), String.class),
                single, states, m.runAtColumn() == null ? created : time(jobs, m.runAtColumn()),
                started == null ? created : started, finished,
                DSL.coalesce(finished != null ? finished : created, started != null ? started : created),
                DSL.falseCondition());
    }

    private static JobColumns columns(CustomMapping m, Class<?> idType) {
        Table<?> jobs = jobs(m);
        Field<OffsetDateTime> created = time(jobs, m.createdColumn());
        Field<OffsetDateTime> started = time(jobs, m.startedColumn());
        Field<OffsetDateTime> finished = time(jobs, m.finishedColumn());
        Field<String> args = text(jobs, m.argsColumn());
        Field<String> error = text(jobs, m.errorColumn());
        return new JobColumns(column(jobs, m.idColumn(), idType), m.kindColumn() == null ? inline((String) null)
                : text(jobs, m.kindColumn()), integer(jobs, m.priorityColumn()), integer(jobs, m.attemptsColumn()),
                integer(jobs, m.maxAttemptsColumn()), created,
                m.runAtColumn() == null ? created : time(jobs, m.runAtColumn()),
                started == null ? inline(null, OffsetDateTime.class) : started,
                finished == null ? inline(null, OffsetDateTime.class) : finished, args, error, inline((String) null),
                QueueSql.searchable(args, error));
    }

    public CustomMapping mapping() {
        return mapping;
    }

    @Override
    public String key() {
        return "custom:" + mapping.name() + ":" + mapping.schema() + "." + mapping.table();
    }

    @Override
    public List<String> queues(DSLContext db) {
        return table.singleQueue() ? List.of(mapping.table()) : List.of();
    }

    @Override
    protected Optional<JobChange> retry() {
        List<String> failed = new ArrayList<>(mapping.retryable());
        failed.addAll(mapping.dead());
        if (failed.isEmpty() || mapping.waiting().isEmpty()) {
            return Optional.empty();
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state(), QueueSql.literal(mapping.waiting().get(0)));
        if (mapping.runAtColumn() != null) {
            set.put(field(jobs.getQualifiedName().append(mapping.runAtColumn())), now());
        }
        for (String cleared : new String[] {mapping.startedColumn(), mapping.finishedColumn()}) {
            if (cleared != null) {
                set.put(field(jobs.getQualifiedName().append(cleared)), inline((Object) null));
            }
        }
        if (mapping.attemptsColumn() != null && mapping.maxAttemptsColumn() != null) {
            Field<Integer> max = integer(jobs, mapping.maxAttemptsColumn());
            set.put(max, DSL.greatest(max, integer(jobs, mapping.attemptsColumn()).plus(inline(1))));
        }
        return Optional.of(new JobChange("Retry", state().in(failed.stream().map(DSL::inline).toList()), update(set),
                "Jobs in state " + String.join(", ", failed) + " go back to " + mapping.waiting().get(0)
                        + " and run again when a worker takes them; other jobs are not touched.",
                Outcome.counted("job", "back to " + mapping.waiting().get(0))));
    }

    @Override
    protected Optional<JobChange> cancel() {
        List<String> notStarted = new ArrayList<>(mapping.waiting());
        notStarted.addAll(mapping.scheduled());
        if (mapping.cancelled().isEmpty() || notStarted.isEmpty()) {
            return Optional.empty();
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state(), QueueSql.literal(mapping.cancelled().get(0)));
        if (mapping.finishedColumn() != null) {
            set.put(field(jobs.getQualifiedName().append(mapping.finishedColumn())), now());
        }
        return Optional.of(new JobChange("Cancel", state().in(notStarted.stream().map(DSL::inline).toList()), update(set),
                "Waiting jobs become " + mapping.cancelled().get(0) + " and no worker takes them; running and finished"
                        + " jobs are not touched.", Outcome.counted("job", "cancelled")));
    }

    private Field<String> state() {
        return column(jobs, mapping.stateColumn(), String.class);
    }

    private static void add(List<JobState> states, Field<String> state, List<String> values, SharedState shared) {
        values.forEach(v -> states.add(new JobState(v, shared, state.eq(inline(v)))));
    }

    private static Field<OffsetDateTime> time(Table<?> jobs, String column) {
        return column == null ? null : column(jobs, column, OffsetDateTime.class);
    }

    private static Field<String> text(Table<?> jobs, String column) {
        return column == null ? inline((String) null) : QueueSql.text(jobs, column);
    }

    private static Field<Integer> integer(Table<?> jobs, String column) {
        return column == null ? inline(null, Integer.class) : column(jobs, column, Integer.class);
    }
}
