package io.pgdeck.queue;

import io.pgdeck.action.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * An adapter for a library that keeps its jobs in a table: it describes that table once (a
 * {@link JobTable}: which rows are in which of the library's states and what they mean for
 * pgdeck; {@link JobColumns}: what the browser shows) and everything read from it is written
 * here, once, for every such library. What stays in the library's class is what is really its
 * own: where its queues are listed and paused, its error history, and its retry and cancel as
 * {@link JobChange}s, which {@link JobActions} builds into actions.
 */
public abstract class JobTableAdapter implements QueueAdapter {

    private final String library;
    private final String schema;
    protected final JobTable table;
    private final JobColumns columns;
    private final JobBrowser browser;
    private final JobTableReader reader;
    private final JobKindReader kinds;
    private final JobActions actions;

    protected JobTableAdapter(String library, String schema, JobTable table, JobColumns columns) {
        this.library = library;
        this.schema = schema;
        this.table = table;
        this.columns = columns;
        this.browser = new JobBrowser(table, columns);
        this.reader = new JobTableReader(table);
        this.kinds = new JobKindReader(reader, columns.kind());
        this.actions = new JobActions(library + " (" + schema + ")");
    }

    @Override
    public String library() {
        return library;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public List<String> libraryStates() {
        return table.libraryStates();
    }

    /** The queues a queue table lists; none where queues exist only in the jobs (and the depths find them there). */
    @Override
    public List<String> queues(DSLContext db) {
        return List.of();
    }

    /** Queues paused now; none where the library has no pause. */
    protected Set<String> paused(DSLContext db) {
        return Set.of();
    }

    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        return reader.depths(db, settings, this, queues(db), paused(db));
    }

    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        return reader.throughput(db, window, this, queues(db));
    }

    @Override
    public List<KindDepth> kinds(DSLContext db, String queue, DepthSettings settings, Duration window) {
        return kinds.kinds(db, queue, settings, window);
    }

    @Override
    public boolean keepsFinishedJobs() {
        return table.finishedAt() != null;
    }

    @Override
    public JobPage jobs(DSLContext db, JobFilter filter) {
        JobPage page = browser.page(db, filter, this);
        return new JobPage(page.jobs().stream().map(this::read).toList(), page.next());
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        return reader.count(db, browser.where(filter), exactBelow);
    }

    @Override
    public Optional<JobDetail> job(DSLContext db, String id) {
        return browser.find(db, id, this).map(this::read).map(job -> detail(db, job));
    }

    /** A job as the library means it, where a column holds more than its value (Solid Queue's JSON). */
    protected Job read(Job job) {
        return job;
    }

    /** A job with its errors and output: by default its last error alone, the only one most tables keep. */
    protected JobDetail detail(DSLContext db, Job job) {
        return new JobDetail(job, job.lastError() == null ? List.of()
                : List.of(new JobError(job.attempt(), job.finishedAt() != null ? job.finishedAt() : job.startedAt(),
                        job.lastError(), null)), null);
    }

    /** A change that updates the job table's rows, locking each, with the given values. */
    protected JobStatement update(Map<Field<?>, Object> set) {
        return JobStatement.update(table.table(), columns.id(), set);
    }

    /** How the library runs failed jobs again; empty when it has no retry. */
    protected Optional<JobChange> retry() {
        return Optional.empty();
    }

    /** How the library cancels jobs not yet started; empty when it cannot. */
    protected Optional<JobChange> cancel() {
        return Optional.empty();
    }

    /**
     * How the library deletes jobs: by default a DELETE of rows no worker holds and not running;
     * a library with a delete of its own (a function, rows in several tables) overrides it.
     */
    protected Optional<JobChange> delete() {
        return Optional.of(new JobChange("Delete", DSL.not(table.in(SharedState.RUNNING)),
                JobStatement.delete(table.table(), columns.id()), "The jobs are deleted for good with their"
                        + " arguments and errors; a running job is not touched.", Outcome.counted("job", "deleted")));
    }

    private Optional<JobChange> change(JobOperation operation) {
        return switch (operation) {
            case RETRY -> retry();
            case CANCEL -> cancel();
            case DELETE -> delete();
        };
    }

    /**
     * The jobs an operation on a filter is about, before the change's own eligibility: the
     * filter's, and for the purge only what reached an end. The action and the count of the
     * confirmation both start here, so they cannot disagree.
     */
    private Condition matched(JobOperation operation, JobFilter filter) {
        Condition where = browser.where(filter);
        return operation == JobOperation.DELETE
                ? where.and(table.in(SharedState.DEAD, SharedState.DONE, SharedState.CANCELLED)) : where;
    }

    @Override
    public Optional<Action> retry(List<String> ids) {
        return retry().map(change -> actions.selected(change, browser.among(ids), ids.size()));
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return retry().map(change -> actions.matching(change, matched(JobOperation.RETRY, filter), matching));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        return cancel().map(change -> actions.selected(change, browser.among(ids), ids.size()));
    }

    @Override
    public Optional<Action> delete(List<String> ids) {
        return delete().map(change -> actions.selected(change, browser.among(ids), ids.size()));
    }

    @Override
    public Optional<Action> deleteMatching(JobFilter filter, long matching) {
        return delete().map(change -> actions.matching(change, matched(JobOperation.DELETE, filter), matching));
    }

    @Override
    public Count eligible(DSLContext db, JobOperation operation, JobFilter filter, long exactBelow) {
        return change(operation).map(change -> reader.count(db, change.eligible().and(matched(operation, filter)),
                exactBelow)).orElse(Count.ZERO);
    }

    @Override
    public Optional<Action> pause(String queue) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queue) {
        return Optional.empty();
    }
}
