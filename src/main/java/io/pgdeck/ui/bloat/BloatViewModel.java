package io.pgdeck.ui.bloat;

import io.pgdeck.action.AnalyzeAction;
import io.pgdeck.action.VacuumAction;
import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.RunningVacuum;
import io.pgdeck.catalog.TableBloat;
import io.pgdeck.catalog.TableVacuum;
import io.pgdeck.catalog.VacuumStatus;
import io.pgdeck.connect.Problems;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Bloat and vacuum: estimated bloat of every table and btree index (slow cadence), dead tuples
 * and last (auto)vacuum/analyze (every few ticks), vacuums running now, transaction ID ages;
 * exact figures from pgstattuple on demand; VACUUM and ANALYZE through the action door.
 */
public final class BloatViewModel {

    /** Dead-tuple histories kept: the tables with most dead tuples, and the chosen one. */
    static final int TRACKED_TABLES = 20;
    /** Points per dead-tuple history: two hours at one read every five seconds. */
    static final int HISTORY = 1440;

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final Function<RelationName, Optional<ExactBloat>> measure;
    private final TaskExecutor tasks;
    private final String database;
    private final Freshness estimatesFreshness = new Freshness();
    private final Freshness vacuumFreshness = new Freshness();
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper wasted = new ReadOnlyStringWrapper("…");
    private final ReadOnlyStringWrapper vacuumDue = new ReadOnlyStringWrapper("…");
    private final ReadOnlyStringWrapper oldestXid = new ReadOnlyStringWrapper("…");
    private final ReadOnlyStringWrapper runningCount = new ReadOnlyStringWrapper("…");
    private final ReadOnlyStringWrapper measureMessage = new ReadOnlyStringWrapper("");
    private final ObservableList<TableRow> tables = FXCollections.observableArrayList();
    private final ObservableList<IndexBloat> indexes = FXCollections.observableArrayList();
    private final ObservableList<RunningVacuum> running = FXCollections.observableArrayList();
    private final ObservableList<DatabaseXidAge> databases = FXCollections.observableArrayList();
    private final ObjectProperty<RelationName> selected = new SimpleObjectProperty<>();
    private final BooleanProperty withAnalyze = new SimpleBooleanProperty(true);
    private final BooleanProperty withFreeze = new SimpleBooleanProperty(false);
    private final Map<RelationName, History<Long>> deadHistory = new LinkedHashMap<>();
    private final History<Long> sizeHistory = new History<>(HISTORY);
    private final ReadOnlyObjectWrapper<BloatReport> report = new ReadOnlyObjectWrapper<>(new BloatReport(List.of(), List.of()));
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();
    private final Map<RelationName, TableRow> rows = new TreeMap<>();
    private java.util.Set<RelationName> estimated = java.util.Set.of();
    private java.util.Set<RelationName> counted = java.util.Set.of();

    /**
     * @param measure  pgstattuple for one relation (empty when the extension is missing); called on {@code tasks}
     * @param database the connected database, whose size is charted
     * @param hint     how to get exact figures (a missing pgstattuple), or empty
     */
    public BloatViewModel(UiExecutor ui, ActionDoor actions, Function<RelationName, Optional<ExactBloat>> measure, TaskExecutor tasks, String database,
                          String hint) {
        this.ui = ui;
        this.actions = actions;
        this.measure = measure;
        this.tasks = tasks;
        this.database = database;
        this.hint.set(hint);
        selected.addListener((o, a, table) -> ui.execute(() -> chartsUpdated.set(Instant.now())));
    }

    public void onEstimates(Sample<BloatReport> sample) {
        ui.execute(() -> {
            estimatesFreshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            BloatReport r = sample.value();
            for (TableBloat t : r.tables()) {
                rows.merge(t.table(), new TableRow(t.table(), t, null, null), (old, fresh) -> old.withEstimate(t));
            }
            estimated = r.tables().stream().map(TableBloat::table).collect(java.util.stream.Collectors.toSet());
            forgetDropped();
            indexes.setAll(r.indexes().stream().sorted(Comparator.comparingLong(IndexBloat::wastedBytes).reversed()).toList());
            long hidden = r.hiddenByPrivileges();
            wasted.set(Formats.bytes(r.wastedBytes()) + (hidden == 0 ? "" : ", " + hidden + " hidden by privileges"));
            report.set(r);
            publishRows();
            chartsUpdated.set(sample.readAt());
        });
    }

    public void onVacuum(Sample<VacuumStatus> sample) {
        ui.execute(() -> {
            vacuumFreshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            VacuumStatus s = sample.value();
            for (TableVacuum v : s.tables()) {
                rows.merge(v.table(), new TableRow(v.table(), null, v, null), (old, fresh) -> old.withVacuum(v));
            }
            counted = s.tables().stream().map(TableVacuum::table).collect(java.util.stream.Collectors.toSet());
            forgetDropped();
            running.setAll(s.running());
            databases.setAll(s.databases().stream()
                    .sorted(Comparator.comparingLong(DatabaseXidAge::age).reversed()).toList());
            vacuumDue.set(Long.toString(s.tables().stream().filter(TableVacuum::vacuumDue).count()));
            runningCount.set(Integer.toString(s.running().size()));
            oldestXid.set(s.databases().stream().max(Comparator.comparingLong(DatabaseXidAge::age))
                    .map(d -> Formats.percent(d.freezeMaxAgeRatio()) + " of freeze max age (" + d.database() + ")")
                    .orElse("–"));
            recordDeadTuples(s.tables(), sample.readAt());
            publishRows();
            chartsUpdated.set(sample.readAt());
        });
    }

    /** The database sizes the overview reads too; this screen charts the connected database's. */
    public void onSizes(Sample<Map<String, Long>> sample) {
        ui.execute(() -> {
            if (sample.ok() && sample.value().containsKey(database)) {
                sizeHistory.add(sample.readAt(), sample.value().get(database));
                chartsUpdated.set(sample.readAt());
            }
        });
    }

    private void recordDeadTuples(List<TableVacuum> all, Instant at) {
        RelationName chosen = selected.get();
        List<TableVacuum> tracked = all.stream()
                .filter(v -> v.table().equals(chosen) || v.deadTuples() > 0)
                .sorted(Comparator.comparing((TableVacuum v) -> !v.table().equals(chosen))
                        .thenComparing(Comparator.comparingLong(TableVacuum::deadTuples).reversed()))
                .limit(TRACKED_TABLES).toList();
        for (TableVacuum v : tracked) {
            deadHistory.computeIfAbsent(v.table(), t -> new History<>(HISTORY)).add(at, v.deadTuples());
        }
        // forget tables no longer among the tracked, except the chosen one, so memory stays bounded
        deadHistory.keySet().removeIf(t -> !t.equals(chosen) && tracked.stream().noneMatch(v -> v.table().equals(t)));
    }

    /** A table in neither the last estimates nor the last counters was dropped. */
    private void forgetDropped() {
        rows.keySet().removeIf(t -> !estimated.contains(t) && !counted.contains(t));
    }

    private void publishRows() {
        tables.setAll(rows.values().stream()
                .sorted(Comparator.comparingLong(TableRow::wastedBytes).reversed()
                        .thenComparing(Comparator.comparingLong(TableRow::deadTuples).reversed()))
                .toList());
    }

    /** VACUUM of the table, with ANALYZE and FREEZE as chosen; false when not run. */
    public boolean vacuum(RelationName table) {
        return table != null && actions.submit(new VacuumAction(table, withAnalyze.get(), withFreeze.get()),
                r -> { });
    }

    public boolean analyze(RelationName table) {
        return table != null && actions.submit(new AnalyzeAction(table), r -> { });
    }

    /** Reads pgstattuple (or pgstatindex) for one relation off the JavaFX thread. */
    public void measureExactly(RelationName relation) {
        if (relation == null) {
            return;
        }
        if (!hint.get().isEmpty()) {
            measureMessage.set(hint.get());
            return;
        }
        measureMessage.set("Measuring " + relation + "…");
        BackgroundTask.wrap(() -> measure.apply(relation))
                .onSuccess(exact -> exact.ifPresentOrElse(this::showExact,
                        () -> measureMessage.set("pgstattuple is not installed in this database.")))
                .onFailure(e -> measureMessage.set("Could not measure " + relation + ": " + Problems.describe(e)))
                .executeWith(tasks);
    }

    private void showExact(ExactBloat x) {
        TableRow row = rows.get(x.relation());
        if (row != null) {
            rows.put(x.relation(), row.withExact(x));
            publishRows();
        }
        measureMessage.set(x.relation() + " measured by " + x.method() + ": " + Formats.bytes(x.wastedBytes()) + " of "
                + Formats.bytes(x.sizeBytes()) + " wasted (" + Formats.percent(x.wastedRatio()) + ")"
                + estimateOf(x.relation()).map(e -> ", estimated " + Formats.percent(e)).orElse(""));
    }

    private Optional<Double> estimateOf(RelationName relation) {
        TableRow row = rows.get(relation);
        if (row != null && row.estimate() != null) {
            return Optional.of(row.wastedRatio());
        }
        return report.get().indexes().stream().filter(i -> i.index().equals(relation)).findFirst()
                .map(IndexBloat::wastedRatio);
    }

    public History<Long> deadTupleHistory(RelationName table) {
        History<Long> h = deadHistory.get(table);
        return h == null ? new History<>(1) : h;
    }

    public History<Long> sizeHistory() {
        return sizeHistory;
    }

    public String database() {
        return database;
    }

    public ActionDoor actions() {
        return actions;
    }

    public Freshness estimatesFreshness() {
        return estimatesFreshness;
    }

    public Freshness vacuumFreshness() {
        return vacuumFreshness;
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty wastedProperty() {
        return wasted.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty vacuumDueProperty() {
        return vacuumDue.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty oldestXidProperty() {
        return oldestXid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runningCountProperty() {
        return runningCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty measureMessageProperty() {
        return measureMessage.getReadOnlyProperty();
    }

    public ObservableList<TableRow> tables() {
        return FXCollections.unmodifiableObservableList(tables);
    }

    public ObservableList<IndexBloat> indexes() {
        return FXCollections.unmodifiableObservableList(indexes);
    }

    public ObservableList<RunningVacuum> running() {
        return FXCollections.unmodifiableObservableList(running);
    }

    public ObservableList<DatabaseXidAge> databases() {
        return FXCollections.unmodifiableObservableList(databases);
    }

    public ObjectProperty<RelationName> selectedProperty() {
        return selected;
    }

    public BooleanProperty withAnalyzeProperty() {
        return withAnalyze;
    }

    public BooleanProperty withFreezeProperty() {
        return withFreeze;
    }

    public ReadOnlyObjectProperty<BloatReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }
}
