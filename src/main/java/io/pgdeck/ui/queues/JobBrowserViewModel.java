package io.pgdeck.ui.queues;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Problems;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobError;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.QueueService;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The job browser of one queue: filter by state, kind and text, newest first by keyset pages,
 * one job's detail with every recorded error; retry, cancel and delete of the job shown, of the
 * selected jobs, and retry of every job matching, through the action door, each confirmation
 * counting the jobs that will move. Reads run on the background executor, never on the JavaFX thread.
 */
public final class JobBrowserViewModel {

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final QueueService service;
    private final TaskExecutor background;
    private final ObjectProperty<SharedState> state = new SimpleObjectProperty<>();
    private final StringProperty kind = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Select a queue to browse its jobs.");
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Job> shown = new ReadOnlyObjectWrapper<>();
    private final Map<JobOperation, ReadOnlyBooleanWrapper> applies = new EnumMap<>(JobOperation.class);
    private final ReadOnlyBooleanWrapper inFlight = new ReadOnlyBooleanWrapper();
    private String adapterKey;
    private String queue;
    private String next;
    /** The job last asked for in the detail: an answer for an earlier one is dropped. */
    private String selecting;

    JobBrowserViewModel(UiExecutor ui, ActionDoor actions, QueueService service, TaskExecutor background) {
        this.ui = ui;
        this.actions = actions;
        this.service = service;
        this.background = background;
        for (JobOperation op : JobOperation.values()) {
            applies.put(op, new ReadOnlyBooleanWrapper());
        }
    }

    /** Browses another queue (or none), from its first page. */
    void show(QueueStatus status) {
        String key = status == null ? null : status.adapterKey();
        String name = status == null ? null : status.queue().name();
        if (java.util.Objects.equals(key, adapterKey) && java.util.Objects.equals(name, queue)) {
            return;
        }
        adapterKey = key;
        queue = name;
        search();
    }

    /** The filter as it stands, from the first page. */
    public JobFilter filter() {
        return new JobFilter(queue, state.get(), null, kind.get(), text.get(), null, JobFilter.DEFAULT_LIMIT);
    }

    public void search() {
        jobs.clear();
        show(null, "");
        next = null;
        if (adapterKey == null) {
            hasNext.set(false);
            message.set("Select a queue to browse its jobs.");
            return;
        }
        load(filter());
    }

    public void nextPage() {
        if (adapterKey != null && next != null) {
            load(filter().after(next));
        }
    }

    private void load(JobFilter filter) {
        String key = adapterKey;
        message.set("Reading jobs…");
        read(() -> service.jobs(key, filter), page -> {
            if (!key.equals(adapterKey)) {
                return;
            }
            if (filter.after() == null) {
                jobs.setAll(page.jobs());
            } else {
                jobs.addAll(page.jobs());
            }
            next = page.next();
            hasNext.set(page.hasNext());
            message.set(jobs.size() + (page.hasNext() ? "+" : "") + " jobs shown, newest first");
        });
    }

    /**
     * Shows one job with its args, attempts and every recorded error, and which of retry, cancel
     * and delete apply to it: read with the detail, off the JavaFX thread.
     */
    public void select(Job job) {
        if (job == null || adapterKey == null) {
            show(null, "");
            return;
        }
        String key = adapterKey;
        selecting = job.id();
        read(() -> new Shown(service.job(key, job.id()), applicable(key, job),
                job.state() == SharedState.RUNNING && service.makeVisibleNow(key, List.of(job.id())).isPresent()), found -> {
            if (!key.equals(adapterKey) || !job.id().equals(selecting)) {
                return; // another queue or job was chosen while this one was read
            }
            show(found.detail().map(JobDetail::job).orElse(null), found.detail().map(JobBrowserViewModel::describe)
                    .orElse("Job " + job.id() + " is gone: finished jobs are deleted by some libraries."));
            found.operations().forEach(op -> applies.get(op).set(true));
            inFlight.set(found.inFlight());
        });
    }

    private void show(Job job, String text) {
        shown.set(job);
        detail.set(text);
        applies.values().forEach(a -> a.set(false));
        inFlight.set(false);
    }

    /**
     * A job read with the operations that apply to it now, and whether it is a message a consumer
     * holds that the library can hand to the next read (pgmq).
     */
    private record Shown(Optional<JobDetail> detail, Set<JobOperation> operations, boolean inFlight) {}

    /** The operations the library offers that apply to a job in this job's state. */
    private Set<JobOperation> applicable(String key, Job job) {
        Set<JobOperation> ops = EnumSet.noneOf(JobOperation.class);
        for (JobOperation op : JobOperation.values()) {
            if (build(op, key, List.of(job.id())).isPresent() && appliesTo(key, op, job)) {
                ops.add(op);
            }
        }
        return ops;
    }

    /**
     * Whether an operation applies to jobs in a job's state. A delete of chosen jobs takes any job
     * not running ({@link JobOperation#DELETE}); for retry and cancel the library decides, so
     * {@code eligible()} is asked on the job's queue and state (its library state and the shared
     * one): where the library's change moves jobs in that state, it applies.
     */
    private boolean appliesTo(String key, JobOperation op, Job job) {
        if (job.state() == null) {
            return false;
        }
        if (op == JobOperation.DELETE) {
            return job.state() != SharedState.RUNNING;
        }
        return service.eligible(key, op, new JobFilter(job.queue().name(), job.state(), job.libraryState(), null, null,
                null, 1)).value() > 0;
    }

    static String describe(JobDetail d) {
        Job j = d.job();
        StringBuilder s = new StringBuilder();
        s.append("Job ").append(j.id()).append(" · ").append(j.kind()).append(" · ").append(j.libraryState())
                .append(" (").append(j.state() == null ? "?" : j.state().name().toLowerCase()).append(")\n");
        s.append("queue ").append(j.queue().name()).append(", priority ").append(j.priority() == null ? "–" : j.priority())
                .append(", attempt ").append(j.attempt()).append(j.maxAttempts() == null ? "" : " of " + j.maxAttempts())
                .append(j.worker() == null ? "" : ", worker " + j.worker()).append('\n');
        s.append("created ").append(j.createdAt()).append("\nrun at  ").append(j.scheduledAt());
        if (j.startedAt() != null) {
            s.append("\nstarted ").append(j.startedAt());
        }
        if (j.finishedAt() != null) {
            s.append("\nended   ").append(j.finishedAt());
        }
        s.append("\n\nargs ").append(j.args());
        if (d.output() != null) {
            s.append("\noutput ").append(d.output());
        }
        s.append("\n\n").append(d.errors().isEmpty() ? "No error recorded." : d.errors().size() + (d.errors().size() == 1 ? " recorded error:" : " recorded errors:"));
        for (JobError e : d.errors()) {
            s.append("\n• ").append(e.at() == null ? "" : e.at() + " ").append(e.attempt() == null ? "" : "attempt " + e.attempt() + ": ")
                    .append(e.message());
            if (e.trace() != null) {
                s.append("\n    ").append(e.trace().replace("\n", "\n    "));
            }
        }
        return s.toString();
    }

    /** Retries the job shown in the detail. */
    public boolean retryShown() {
        return onShown(JobOperation.RETRY);
    }

    public boolean cancelShown() {
        return onShown(JobOperation.CANCEL);
    }

    public boolean deleteShown() {
        return onShown(JobOperation.DELETE);
    }

    /** Hands the message shown, which a consumer holds, to the next read: it may then run twice. */
    public boolean makeVisibleShown() {
        Job job = shown.get();
        return job != null && inFlight.get() && submit(service.makeVisibleNow(adapterKey, List.of(job.id())),
                "This library has no way to hand a job a consumer holds to the next read.");
    }

    private boolean onShown(JobOperation op) {
        Job job = shown.get();
        return job != null && applies.get(op).get() && onSelected(op, List.of(job));
    }

    /** Retries the selected jobs a retry applies to; false when nothing is asked. */
    public boolean retry(List<Job> selected) {
        return onSelected(JobOperation.RETRY, selected);
    }

    public boolean cancel(List<Job> selected) {
        return onSelected(JobOperation.CANCEL, selected);
    }

    public boolean delete(List<Job> selected) {
        return onSelected(JobOperation.DELETE, selected);
    }

    /**
     * The selected jobs in an eligible state are counted from the rows shown (each job's state as
     * listed), each distinct state asked once whether the operation applies to it
     * ({@link #appliesTo}); only those jobs go to the action, so its title counts the jobs that
     * will move, and the confirmation says how many of the selected will not. The library's own
     * condition still guards each row when it runs: a job that moved since it was listed is left.
     */
    private boolean onSelected(JobOperation op, List<Job> selected) {
        if (adapterKey == null || selected.isEmpty()) {
            return false;
        }
        String key = adapterKey;
        if (build(op, key, ids(selected)).isEmpty()) {
            message.set(unsupported(op));
            return false;
        }
        read(() -> {
            Map<String, Boolean> byState = new HashMap<>();
            return selected.stream().filter(j -> byState.computeIfAbsent(j.state() + "/" + j.libraryState(),
                    s -> appliesTo(key, op, j))).toList();
        }, moving -> {
            Count asked = Count.exact(selected.size());
            if (moving.isEmpty()) {
                message.set(CountedAction.none(op, asked, "selected"));
                return;
            }
            submit(build(op, key, ids(moving)).map(a -> CountedAction.of(a, op, Count.exact(moving.size()), asked,
                    "selected")), unsupported(op));
        });
        return true;
    }

    /**
     * Counts what the filter matches and how many of them a retry moves (off the JavaFX thread),
     * then asks to retry those: the confirmation says how many of the matching it leaves.
     */
    public void retryMatching() {
        if (adapterKey == null) {
            return;
        }
        String key = adapterKey;
        JobFilter filter = filter();
        read(() -> new Moving(service.eligible(key, JobOperation.RETRY, filter), service.count(key, filter)), n -> {
            if (n.asked().value() == 0) {
                message.set("No job matches the filter.");
                return;
            }
            if (n.moving().value() == 0) {
                message.set(CountedAction.none(JobOperation.RETRY, n.asked(), "matching"));
                return;
            }
            submit(service.retryMatching(key, filter, n.moving().value())
                    .map(a -> CountedAction.of(a, JobOperation.RETRY, n.moving(), n.asked(), "matching")),
                    unsupported(JobOperation.RETRY));
        });
    }

    /** How many jobs an operation moves of those asked about. */
    record Moving(Count moving, Count asked) {}

    private Optional<Action> build(JobOperation op, String key, List<String> ids) {
        return switch (op) {
            case RETRY -> service.retry(key, ids);
            case CANCEL -> service.cancel(key, ids);
            case DELETE -> service.delete(key, ids);
        };
    }

    private static String unsupported(JobOperation op) {
        return switch (op) {
            case RETRY -> "This library has no retry.";
            case CANCEL -> "This library cannot cancel jobs pgdeck can reach.";
            case DELETE -> "This library has no delete pgdeck may run.";
        };
    }

    private boolean submit(Optional<Action> action, String unsupported) {
        if (action.isEmpty()) {
            message.set(unsupported);
            return false;
        }
        return actions.submit(action.get(), r -> search());
    }

    private <T> void read(Callable<T> query, Consumer<T> apply) {
        BackgroundTask.wrap(query).onSuccess(apply).onFailure(e -> message.set(Problems.describe(e)))
                .executeWith(background);
    }

    private static List<String> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }

    public ObjectProperty<SharedState> stateProperty() {
        return state;
    }

    public StringProperty kindProperty() {
        return kind;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObservableList<Job> jobs() {
        return jobs;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The job the detail shows, null when none. */
    public ReadOnlyObjectProperty<Job> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Whether the library offers the operation and it applies to the job shown in its state. */
    public ReadOnlyBooleanProperty appliesProperty(JobOperation op) {
        return applies.get(op).getReadOnlyProperty();
    }

    /** Whether the job shown is held by a consumer and the library can make it visible now (pgmq). */
    public ReadOnlyBooleanProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }
}
