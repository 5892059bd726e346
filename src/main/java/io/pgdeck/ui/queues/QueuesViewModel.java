package io.pgdeck.ui.queues;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Problems;
import io.pgdeck.queue.CustomMapping;
import io.pgdeck.queue.KindDepth;
import io.pgdeck.queue.QueueReading;
import io.pgdeck.queue.QueueService;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The queues screen: every queue of every installation found with its depth by state, latency,
 * throughput, failures, stuck and expired jobs; histories for the charts, per queue and for all;
 * the selected queue's breakdown by kind; pause and resume (where the library has them) and the
 * purge through the action door; and the job browser of the selected queue.
 */
public final class QueuesViewModel {

    static final int HISTORY = 8_640;
    public static final String ALL = "all queues";

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final QueueService service;
    private final Runnable refresh;
    private final Consumer<CustomMapping> saveMapping;
    private final Freshness freshness = new Freshness();
    private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<QueueRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Looking for job queues…");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();
    private final Map<String, History<Point>> histories = new HashMap<>();
    private final History<Point> all = new History<>(HISTORY);
    private final JobBrowserViewModel jobs;
    private final TaskExecutor background;
    private final ObservableList<KindDepth> kinds = FXCollections.observableArrayList();
    private final AtomicBoolean readingKinds = new AtomicBoolean();
    private final ReadOnlyBooleanWrapper pausable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();

    /** One moment of a queue (or of all of them) for the charts. */
    public record Point(Map<SharedState, Long> depth, double donePerMinute, double failedPerMinute) {}

    public QueuesViewModel(UiExecutor ui, ActionDoor actions, QueueService service, TaskExecutor background,
            Runnable refresh, Consumer<CustomMapping> saveMapping) {
        this.ui = ui;
        this.actions = actions;
        this.service = service;
        this.refresh = refresh;
        this.saveMapping = saveMapping;
        this.background = background;
        this.jobs = new JobBrowserViewModel(ui, actions, service, background);
        selected.addListener((o, a, row) -> {
            jobs.show(row == null ? null : row.status());
            pausable.set(row != null && offersPause(row));
            paused.set(row != null && row.status().depth().paused());
            if (row == null || a == null || !row.key().equals(a.key())) {
                kinds.clear();
                readKinds();
            }
            chartsUpdated.set(Instant.now());
        });
    }

    /** The one line saying which retry limit a seed job_queue is read with. */
    public String retryLimitNote() {
        return "Seed job_queue: a failed job is dead after " + service.settings().retryLimit()
                + " retries where the table has no max_retries column (queue-settings.json, --retry-limit).";
    }

    public void onReading(Sample<QueueReading> sample) {
        ui.execute(() -> {
            freshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            QueueReading reading = sample.value();
            String selectedKey = selected.get() == null ? null : selected.get().key();
            List<QueueRow> fresh = reading.queues().stream().map(QueueRow::new).toList();
            rows.setAll(fresh);
            fresh.stream().filter(r -> r.key().equals(selectedKey)).findFirst().ifPresent(selected::set);
            Map<SharedState, Long> total = new EnumMap<>(SharedState.class);
            double done = 0;
            double failed = 0;
            for (QueueStatus s : reading.queues()) {
                Point p = point(s);
                histories.computeIfAbsent(new QueueRow(s).key(), k -> new History<>(HISTORY)).add(sample.readAt(), p);
                p.depth().forEach((state, n) -> total.merge(state, n, Long::sum));
                done += Double.isNaN(p.donePerMinute()) ? 0 : p.donePerMinute();
                failed += Double.isNaN(p.failedPerMinute()) ? 0 : p.failedPerMinute();
            }
            all.add(sample.readAt(), new Point(total, done, failed));
            summary.set(reading.queues().isEmpty() ? "No job queue found in this database"
                    : reading.queues().size() + " queues in " + String.join(", ", reading.installations()));
            problems.set(String.join("\n", reading.problems()));
            chartsUpdated.set(sample.readAt());
            readKinds();
        });
    }

    /**
     * Reads the selected queue's kinds off the JavaFX thread: when the selection changes, and with
     * each reading of the queues, which the sampler delivers only while the screen is shown. A
     * read still running is not queued behind.
     */
    private void readKinds() {
        QueueRow row = selected.get();
        if (row == null || !readingKinds.compareAndSet(false, true)) {
            return;
        }
        String key = row.key();
        BackgroundTask.wrap(() -> service.kinds(row.status().adapterKey(), row.status().queue().name()))
                .onSuccess(found -> {
                    readingKinds.set(false);
                    if (selected.get() != null && selected.get().key().equals(key)) {
                        kinds.setAll(found);
                    } else {
                        readKinds(); // another queue was selected while this one was read
                    }
                }).onFailure(e -> {
                    readingKinds.set(false);
                    problems.set(Problems.describe(e));
                }).executeWith(background);
    }

    private static Point point(QueueStatus s) {
        Map<SharedState, Long> depth = new EnumMap<>(SharedState.class);
        for (SharedState state : SharedState.values()) {
            depth.put(state, s.depth().count(state).value());
        }
        return new Point(depth, s.throughput().donePerMinute(), s.throughput().failedPerMinute());
    }

    /** The history the charts show: the selected queue's, or all queues summed. */
    public History<Point> chartHistory() {
        QueueRow row = selected.get();
        return row == null ? all : histories.getOrDefault(row.key(), all);
    }

    public String chartSubject() {
        QueueRow row = selected.get();
        return row == null ? ALL : row.status().queue().label();
    }

    public boolean pause() {
        return queueAction(true);
    }

    public boolean resume() {
        return queueAction(false);
    }

    private boolean queueAction(boolean pause) {
        QueueRow row = selected.get();
        if (row == null) {
            return false;
        }
        String key = row.status().adapterKey();
        String queue = row.status().queue().name();
        Optional<Action> action = pause ? service.pause(key, queue) : service.resume(key, queue);
        return action.isPresent() && actions.submit(action.get(), r -> { });
    }

    /** Whether the queue's library can pause: the action is built without a connection. */
    private boolean offersPause(QueueRow row) {
        try {
            return service.pause(row.status().adapterKey(), row.status().queue().name()).isPresent();
        } catch (RuntimeException gone) {
            return false; // the installation went away since the reading
        }
    }

    /** The purge of the selected queue's finished jobs; empty when no queue is selected. */
    public Optional<PurgeViewModel> purge() {
        QueueRow row = selected.get();
        return row == null ? Optional.empty()
                : Optional.of(new PurgeViewModel(actions, service, background, row.status()));
    }

    /** Saves a custom mapping; returns the problem in one sentence, or empty when saved. */
    public Optional<String> saveMapping(CustomMapping mapping) {
        List<String> found = mapping.problems();
        if (!found.isEmpty()) {
            return Optional.of(found.get(0));
        }
        try {
            saveMapping.accept(mapping);
        } catch (RuntimeException e) {
            return Optional.of(e.getMessage());
        }
        refresh.run();
        return Optional.empty();
    }

    public JobBrowserViewModel jobs() {
        return jobs;
    }

    public Freshness freshness() {
        return freshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    /** The selected queue's depth and failures by kind, largest first. */
    public ObservableList<KindDepth> kinds() {
        return kinds;
    }

    /** Whether the selected queue's library can pause (Pause and Resume are shown only then). */
    public ReadOnlyBooleanProperty pausableProperty() {
        return pausable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ObservableList<QueueRow> rows() {
        return rows;
    }

    public ObjectProperty<QueueRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }
}
