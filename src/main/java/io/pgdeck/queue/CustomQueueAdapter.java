package io.pgdeck.queue;

import static io.pgdeck.queue.QueueSql.column;
import static io.pgdeck.queue.QueueSql.now;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 * A home-grown queue table read through a user's {@link CustomMapping}. A retry sets failed jobs
 * to the first waiting value, due now, and (when attempts are mapped) allows one more attempt;
 * a cancel sets waiting and scheduled jobs to the first cancelled value. No pause.
 */
public final class CustomQueueAdapter implements QueueAdapter {

    private final CustomMapping mapping;
    private final Table<?> jobs;
    private final Field<Object> id;
    private final Field<String> state;
    private final JobTable table;
    private final JobTableReader reader;
    private final JobBrowser browser;

    public CustomQueueAdapter(CustomMapping mapping, Class<?> idType) {
        this.mapping = mapping;
        this.jobs = table(name(mapping.schema(), mapping.table()));
        @SuppressWarnings("unchecked")
        Field<Object> typedId = (Field<Object>) column(jobs, mapping.idColumn(), idType);
        this.id = typedId;
        this.state = column(jobs, mapping.stateColumn(), String.class);
        Field<OffsetDateTime> created = time(mapping.createdColumn());
        Field<OffsetDateTime> runAt = mapping.runAtColumn() == null ? created : time(mapping.runAtColumn());
        Field<OffsetDateTime> started = time(mapping.startedColumn());
        Field<OffsetDateTime> finished = time(mapping.finishedColumn());
        List<JobState> states = new ArrayList<>();
        add(states, mapping.waiting(), SharedState.WAITING);
        add(states, mapping.scheduled(), SharedState.SCHEDULED);
        add(states, mapping.running(), SharedState.RUNNING);
        add(states, mapping.retryable(), SharedState.RETRYABLE);
        add(states, mapping.dead(), SharedState.DEAD);
        add(states, mapping.done(), SharedState.DONE);
        add(states, mapping.cancelled(), SharedState.CANCELLED);
        boolean single = mapping.queueColumn() == null;
        this.table = new JobTable(jobs, single ? inline(mapping.table()) : column(jobs, mapping.queueColumn(), String.class),
                single, states, runAt, started == null ? created : started, finished,
                DSL.coalesce(finished != null ? finished : created, started != null ? started : created), DSL.falseCondition());
        Field<String> args = text(mapping.argsColumn());
        Field<String> error = text(mapping.errorColumn());
        this.reader = new JobTableReader(table);
        this.browser = new JobBrowser(table, new JobColumns(id,
                mapping.kindColumn() == null ? inline((String) null) : text(mapping.kindColumn()),
                integer(mapping.priorityColumn()), integer(mapping.attemptsColumn()), integer(mapping.maxAttemptsColumn()),
                created, runAt, started == null ? inline(null, OffsetDateTime.class) : started,
                finished == null ? inline(null, OffsetDateTime.class) : finished, args, error, inline((String) null),
                QueueSql.searchable(args, error)));
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

    public CustomMapping mapping() {
        return mapping;
    }

    @Override
    public String library() {
        return mapping.name();
    }

    @Override
    public String schema() {
        return mapping.schema();
    }

    @Override
    public String key() {
        return "custom:" + mapping.name() + ":" + mapping.schema() + "." + mapping.table();
    }

    @Override
    public List<String> libraryStates() {
        return table.libraryStates();
    }

    @Override
    public List<String> queues(DSLContext db) {
        return table.singleQueue() ? List.of(mapping.table()) : List.of();
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
        return browser.find(db, jobId, this).map(job -> new JobDetail(job, job.lastError() == null ? List.of()
                : List.of(new JobError(job.attempt(), job.finishedAt() != null ? job.finishedAt() : job.startedAt(),
                        job.lastError(), null)), null));
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return retryAction(id.in(browser.ids(ids)), ids.size(), false);
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return retryAction(browser.where(filter), matching, true);
    }

    private Optional<Action> retryAction(Condition which, long n, boolean batched) {
        List<String> failed = new ArrayList<>(mapping.retryable());
        failed.addAll(mapping.dead());
        if (failed.isEmpty() || mapping.waiting().isEmpty()) {
            return Optional.empty();
        }
        Condition eligible = which.and(state.in(failed.stream().map(DSL::inline).toList()));
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline(mapping.waiting().get(0))));
        if (mapping.runAtColumn() != null) {
            set.put(field(jobs.getQualifiedName().append(mapping.runAtColumn())), now());
        }
        for (String cleared : new String[] {mapping.startedColumn(), mapping.finishedColumn()}) {
            if (cleared != null) {
                set.put(field(jobs.getQualifiedName().append(cleared)), inline((Object) null));
            }
        }
        if (mapping.attemptsColumn() != null && mapping.maxAttemptsColumn() != null) {
            Field<Integer> max = integer(mapping.maxAttemptsColumn());
            set.put(max, DSL.greatest(max, integer(mapping.attemptsColumn()).plus(inline(1))));
        }
        String title = "Retry " + SeedJobQueueAdapter.jobs(n) + (batched ? " matching the filter" : "") + " in "
                + mapping.name() + " (" + mapping.schema() + "." + mapping.table() + ")";
        List<String> statements = batched ? JobUpdates.batches(jobs, id, eligible, set, n)
                : List.of(JobUpdates.update(jobs, id, eligible, set));
        return Optional.of(new JobsAction(title, statements, "Jobs in state " + String.join(", ", failed) + " go back to "
                + mapping.waiting().get(0) + " and run again when a worker takes them; other jobs are not touched.",
                "back to " + mapping.waiting().get(0)));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        List<String> notStarted = new ArrayList<>(mapping.waiting());
        notStarted.addAll(mapping.scheduled());
        if (mapping.cancelled().isEmpty() || notStarted.isEmpty()) {
            return Optional.empty();
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        set.put(state, field("{0}", String.class, inline(mapping.cancelled().get(0))));
        if (mapping.finishedColumn() != null) {
            set.put(field(jobs.getQualifiedName().append(mapping.finishedColumn())), now());
        }
        Condition eligible = id.in(browser.ids(ids)).and(state.in(notStarted.stream().map(DSL::inline).toList()));
        return Optional.of(new JobsAction("Cancel " + SeedJobQueueAdapter.jobs(ids.size()) + " in " + mapping.name(),
                List.of(JobUpdates.update(jobs, id, eligible, set)),
                "Waiting jobs become " + mapping.cancelled().get(0) + " and no worker takes them; running and finished"
                        + " jobs are not touched.", "cancelled"));
    }

    @Override
    public Optional<Action> pause(String queue) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queue) {
        return Optional.empty();
    }

    private void add(List<JobState> states, List<String> values, SharedState shared) {
        values.forEach(v -> states.add(new JobState(v, shared, state.eq(inline(v)))));
    }

    private Field<OffsetDateTime> time(String column) {
        return column == null ? null : column(jobs, column, OffsetDateTime.class);
    }

    private Field<String> text(String column) {
        return column == null ? inline((String) null) : QueueSql.text(jobs, column);
    }

    private Field<Integer> integer(String column) {
        return column == null ? inline(null, Integer.class) : column(jobs, column, Integer.class);
    }
}
