package io.pgdeck.ui.connections;

import io.pgdeck.action.SignalBackendAction;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BlockingTree;
import io.pgdeck.catalog.ConnectionBreakdown;
import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.PoolStats;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Connections and pools: pgdeck's own pool, server connections grouped by state, application,
 * user or client, long-running queries, the oldest idle-in-transaction session and the blocking
 * tree; cancel and terminate go through the action door.
 */
public final class ConnectionsViewModel {

    public static final List<String> STATES = List.of(
            "active", "idle", "idle in transaction", "idle in transaction (aborted)", "fastpath function call", "disabled");
    static final int HISTORY = 86_400;

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final Freshness freshness = new Freshness();
    private final ReadOnlyObjectWrapper<PoolStats> pool = new ReadOnlyObjectWrapper<>(new PoolStats(0, 0, 0, 0, 0));
    private final ObjectProperty<GroupBy> groupBy = new SimpleObjectProperty<>(GroupBy.STATE);
    private final ObjectProperty<Duration> longQueryThreshold = new SimpleObjectProperty<>(Duration.ofSeconds(5));
    private final ObservableList<CountRow> groups = FXCollections.observableArrayList();
    private final ObservableList<Backend> backends = FXCollections.observableArrayList();
    private final ObservableList<Backend> longRunning = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<BlockingTree> blocking = new ReadOnlyObjectWrapper<>(new BlockingTree(List.of()));
    private final ReadOnlyStringWrapper oldestIdleInTransaction = new ReadOnlyStringWrapper("none");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final History<Map<String, Integer>> stateHistory = new History<>(HISTORY);
    private final History<PoolStats> poolHistory = new History<>(HISTORY);
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();
    private ConnectionBreakdown breakdown = ConnectionBreakdown.of(List.of());
    private List<Backend> all = List.of();

    /** @param hint what the role cannot see and how to fix it (a missing pg_monitor), or empty */
    public ConnectionsViewModel(UiExecutor ui, ActionDoor actions, String hint) {
        this.hint.set(hint);
        this.ui = ui;
        this.actions = actions;
        groupBy.addListener((o, a, b) -> regroup());
        longQueryThreshold.addListener((o, a, b) -> filterLongRunning());
    }

    public void onBackends(Sample<List<Backend>> sample) {
        if (!sample.ok()) {
            ui.execute(() -> freshness.update(sample));
            return;
        }
        // counted and the blocking tree built here, on the sampler's thread: thousands of backends and locks
        List<Backend> read = sample.value();
        ConnectionBreakdown counted = ConnectionBreakdown.of(read);
        var tree = BlockingTree.of(read);
        String oldest = counted.oldestIdleInTransaction()
                .map(b -> "pid " + b.pid() + " (" + nullToDash(b.user()) + ", " + nullToDash(b.application())
                        + ") for " + Formats.age(b.stateAge()))
                .orElse("none");
        String line = counted.total() + " client connections: " + counted.state("active") + " active, "
                + counted.state("idle") + " idle, " + counted.state("idle in transaction") + " idle in transaction"
                + (counted.detailsHidden() == 0 ? "" : ", " + counted.detailsHidden() + " of other roles (state hidden)");
        ui.execute(() -> {
            freshness.update(sample);
            all = read;
            breakdown = counted;
            backends.setAll(all);
            filterLongRunning();
            regroup();
            blocking.set(tree);
            oldestIdleInTransaction.set(oldest);
            summary.set(line);
            stateHistory.add(sample.readAt(), breakdown.byState());
            chartsUpdated.set(sample.readAt());
        });
    }

    public void onPool(Sample<PoolStats> sample) {
        ui.execute(() -> {
            if (sample.ok()) {
                pool.set(sample.value());
                poolHistory.add(sample.readAt(), sample.value());
            }
        });
    }

    /** Asks to cancel the backend's current query; false when not run (declined, read-only, busy). */
    public boolean cancel(Backend backend) {
        return backend != null && actions.submit(SignalBackendAction.cancel(backend.pid(), describe(backend)), r -> { });
    }

    /** Asks to terminate the backend's session. */
    public boolean terminate(Backend backend) {
        return backend != null && actions.submit(SignalBackendAction.terminate(backend.pid(), describe(backend)), r -> { });
    }

    static String describe(Backend b) {
        return "pid " + b.pid() + " of " + nullToDash(b.user()) + " from " + nullToDash(b.application()) + ", "
                + nullToDash(b.state()) + " for " + Formats.age(b.stateAge()) + ". " + (b.isActive() ? "Query: " : "Last query: ")
                + Formats.oneLine(b.query(), 120);
    }

    private void filterLongRunning() {
        Duration threshold = longQueryThreshold.get();
        longRunning.setAll(all.stream()
                .filter(b -> b.isActive() && b.isClient() && b.queryAge().compareTo(threshold) >= 0)
                .sorted(Comparator.comparing(Backend::queryAge).reversed())
                .toList());
    }

    private void regroup() {
        groups.setAll(groupBy.get().counts(breakdown).entrySet().stream()
                .map(e -> new CountRow(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(CountRow::count).reversed().thenComparing(CountRow::group))
                .toList());
    }

    private static String nullToDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    public Freshness freshness() {
        return freshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    public ReadOnlyObjectProperty<PoolStats> poolProperty() {
        return pool.getReadOnlyProperty();
    }

    public ObjectProperty<GroupBy> groupByProperty() {
        return groupBy;
    }

    public ObjectProperty<Duration> longQueryThresholdProperty() {
        return longQueryThreshold;
    }

    public ObservableList<CountRow> groups() {
        return FXCollections.unmodifiableObservableList(groups);
    }

    public ObservableList<Backend> backends() {
        return FXCollections.unmodifiableObservableList(backends);
    }

    public ObservableList<Backend> longRunning() {
        return FXCollections.unmodifiableObservableList(longRunning);
    }

    public ReadOnlyObjectProperty<BlockingTree> blockingProperty() {
        return blocking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty oldestIdleInTransactionProperty() {
        return oldestIdleInTransaction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public History<Map<String, Integer>> stateHistory() {
        return stateHistory;
    }

    public History<PoolStats> poolHistory() {
        return poolHistory;
    }

    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }
}
