package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The job browser over a {@link JobTable}: filter, newest-first keyset pages, one job by id.
 * Which state a row is in is decided by the server with the table's own state conditions, so
 * the browser and the depths never disagree.
 */
public final class JobBrowser {

    private static final Field<Integer> STATE_INDEX = field(name("state_index"), Integer.class);

    private final JobTable jobs;
    private final JobColumns columns;
    private final Field<Integer> stateIndex;
    private final KeysetPager pager;

    public JobBrowser(JobTable jobs, JobColumns columns) {
        this.jobs = jobs;
        this.columns = columns;
        CaseConditionStep<Integer> which = null;
        for (int i = 0; i < jobs.states().size(); i++) {
            Condition c = jobs.states().get(i).condition();
            which = which == null ? DSL.when(c, inline(i)) : which.when(c, inline(i));
        }
        this.stateIndex = which == null ? inline(-1) : which.otherwise(inline(-1));
        this.pager = new KeysetPager(columns.newestFirst());
    }

    /** One page of jobs matching the filter, newest first. */
    public JobPage page(DSLContext db, JobFilter filter, QueueAdapter adapter) {
        return pager.page(db, fields(), jobs.table(), where(filter), filter, r -> toJob(r, adapter));
    }

    /** One job by its id, empty when it is gone or the id is not one of this table's. */
    public Optional<Job> find(DSLContext db, String id, QueueAdapter adapter) {
        Condition one;
        try {
            one = among(List.of(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return db.select(fields()).from(jobs.table()).where(one).fetchOptional().map(r -> toJob(r, adapter));
    }

    /** The filter as a condition on the job table, for pages, counts and bulk actions. */
    public Condition where(JobFilter filter) {
        Condition c = DSL.noCondition();
        if (filter.queue() != null) {
            c = c.and(jobs.queue().eq(filter.queue()));
        }
        if (filter.state() != null) {
            c = c.and(jobs.in(filter.state()));
        }
        if (filter.libraryState() != null) {
            c = c.and(jobs.inLibraryState(filter.libraryState()));
        }
        if (filter.kind() != null) {
            c = c.and(columns.kind().eq(filter.kind()));
        }
        if (filter.text() != null) {
            c = c.and(columns.searchable().containsIgnoreCase(filter.text()));
        }
        if (filter.olderThan() != null) {
            Field<OffsetDateTime> ago = DSL.field("pg_catalog.now() - {0}::interval", OffsetDateTime.class,
                    inline(filter.olderThan().toSeconds() + " seconds"));
            // where finished jobs are gone (Graphile Worker) only the dead are left, ended when they last failed
            c = c.and(jobs.finishedAt() != null ? jobs.finishedAt().lt(ago)
                    : jobs.in(SharedState.DEAD).and(jobs.failedAt().lt(ago)));
        }
        return c;
    }

    /**
     * The given ids as the table's key: the jobs an action on selected jobs touches. Text that
     * is not an id is refused here in one sentence rather than by the server.
     */
    @SuppressWarnings("unchecked")
    public Condition among(List<String> ids) {
        return ((Field<Object>) columns.id()).in(ids.stream().map(this::typed).toList());
    }

    private Object typed(String id) {
        Object value;
        try {
            value = columns.id().getDataType().convert(id.strip());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException("'" + id + "' is not a job id of this queue (a "
                    + columns.id().getDataType().getTypeName() + ").");
        }
        return value;
    }

    private List<Field<?>> fields() {
        return List.of(columns.id().as("id"), jobs.queue().as("queue"), columns.kind().as("kind"),
                stateIndex.as(STATE_INDEX), columns.priority().as("priority"), columns.attempt().as("attempt"),
                columns.maxAttempts().as("max_attempts"), columns.created().as("created"),
                columns.scheduled().as("scheduled"), columns.started().as("started"), columns.finished().as("finished"),
                columns.args().as("args"), columns.lastError().as("last_error"), columns.worker().as("worker"));
    }

    private Job toJob(Record r, QueueAdapter adapter) {
        int index = r.get(STATE_INDEX);
        JobState state = index < 0 ? null : jobs.states().get(index);
        Integer attempt = r.get("attempt", Integer.class);
        return new Job(r.get("id", String.class), adapter.ref(r.get("queue", String.class)), r.get("kind", String.class),
                state == null ? "?" : state.libraryState(), state == null ? null : state.shared(),
                r.get("priority", Integer.class), attempt == null ? 0 : attempt, r.get("max_attempts", Integer.class),
                r.get("created", OffsetDateTime.class), r.get("scheduled", OffsetDateTime.class),
                r.get("started", OffsetDateTime.class), r.get("finished", OffsetDateTime.class),
                r.get("args", String.class), r.get("last_error", String.class), r.get("worker", String.class));
    }
}
