package io.pgdeck.ui.queues;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Problems;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobError;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.QueueService;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.UiExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The job browser of one queue: filter by state, kind and text, newest first by keyset pages,
 * one job's detail with every recorded error; retry and cancel through the action door. Reads
 * run on the background executor, never on the JavaFX thread.
 */
public final class JobBrowserViewModel {

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final QueueService service;
    private final Executor background;
    private final ObjectProperty<SharedState> state = new SimpleObjectProperty<>();
    private final StringProperty kind = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Select a queue to browse its jobs.");
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper();
    private String adapterKey;
    private String queue;
    private String next;

    JobBrowserViewModel(UiExecutor ui, ActionDoor actions, QueueService service, Executor background) {
        this.ui = ui;
        this.actions = actions;
        this.service = service;
        this.background = background;
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
        detail.set("");
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

    /** Shows one job with its args, attempts and every recorded error. */
    public void select(Job job) {
        if (job == null || adapterKey == null) {
            detail.set("");
            return;
        }
        String key = adapterKey;
        read(() -> service.job(key, job.id()), found -> detail.set(found.map(JobBrowserViewModel::describe)
                .orElse("Job " + job.id() + " is gone: finished jobs are deleted by some libraries.")));
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

    /** Retries the selected jobs; false when not run. */
    public boolean retry(List<Job> selected) {
        return adapterKey != null && !selected.isEmpty()
                && submit(service.retry(adapterKey, ids(selected)), "This library has no retry.");
    }

    /** Counts what the filter matches (off the JavaFX thread), then asks to retry them all. */
    public void retryMatching() {
        if (adapterKey == null) {
            return;
        }
        String key = adapterKey;
        JobFilter filter = filter();
        read(() -> service.count(key, filter), (Count n) -> {
            if (n.value() == 0) {
                message.set("No job matches the filter.");
                return;
            }
            submit(service.retryMatching(key, filter, n.value()), "This library has no retry.");
        });
    }

    public boolean cancel(List<Job> selected) {
        return adapterKey != null && !selected.isEmpty()
                && submit(service.cancel(adapterKey, ids(selected)), "This library cannot cancel jobs pgdeck can reach.");
    }

    private boolean submit(Optional<Action> action, String unsupported) {
        if (action.isEmpty()) {
            message.set(unsupported);
            return false;
        }
        return actions.submit(action.get(), r -> search());
    }

    private <T> void read(Supplier<T> query, Consumer<T> apply) {
        background.execute(() -> {
            try {
                T value = query.get();
                ui.execute(() -> apply.accept(value));
            } catch (RuntimeException e) {
                ui.execute(() -> message.set(Problems.describe(e)));
            }
        });
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

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }
}
