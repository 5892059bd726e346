package io.pgdeck.ui.indexes;

import io.pgdeck.action.ActionResult;
import io.pgdeck.action.DropIndexAction;
import io.pgdeck.action.ReindexIndexAction;
import io.pgdeck.action.ReindexTableAction;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexClassifier;
import io.pgdeck.catalog.IndexDefinition;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.IndexReview;
import io.pgdeck.catalog.IndexUsage;
import io.pgdeck.catalog.MissingIndexHint;
import io.pgdeck.catalog.TableScans;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Index usage: every index with its counters and flags, the tables that look like they miss an
 * index, and the reindex and drop buttons through the action door. Definitions arrive on the slow
 * cadence, counters every refresh; both are judged together off the JavaFX thread.
 */
public final class IndexesViewModel {

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final Freshness freshness = new Freshness();
    private final Freshness definitionsFreshness = new Freshness();
    private final ObjectProperty<IndexFilter> filter = new SimpleObjectProperty<>(IndexFilter.FLAGGED);
    private final ObservableList<IndexReport> indexes = FXCollections.observableArrayList();
    private final ObservableList<MissingIndexHint> missingIndexes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statsWindow = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<IndexReport> leftover = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<IndexReview> review = new ReadOnlyObjectWrapper<>();
    private volatile List<IndexDefinition> definitions;
    private volatile IndexUsage usage;
    private volatile List<TableScans> tableScans = List.of();
    private List<IndexDefinition> judgedDefinitions;
    private List<TableScans> judgedScans;
    private IndexUsage judgedUsage;
    /** What the last reindex that failed or was cancelled rebuilt: its _ccnew copies are looked for. */
    private FailedReindex failedReindex;

    /** @param index the index reindexed, or null when the whole table was */
    private record FailedReindex(long tableOid, String index) {

        boolean leftBehind(IndexReport r) {
            return r.index().tableOid() == tableOid && r.leftoverOf() != null && r.has(IndexFlag.INVALID)
                    && (index == null || index.equals(r.leftoverOf()));
        }
    }

    public IndexesViewModel(UiExecutor ui, ActionDoor actions) {
        this.ui = ui;
        this.actions = actions;
        filter.addListener((o, a, b) -> applyFilter());
    }

    public void onDefinitions(Sample<List<IndexDefinition>> sample) {
        if (sample.ok()) {
            definitions = sample.value();
        }
        ui.execute(() -> definitionsFreshness.update(sample));
        judge();
    }

    public void onUsage(Sample<IndexUsage> sample) {
        if (sample.ok()) {
            usage = sample.value();
        }
        ui.execute(() -> freshness.update(sample));
        judge();
    }

    public void onTableScans(Sample<List<TableScans>> sample) {
        if (sample.ok()) {
            tableScans = sample.value();
        }
    }

    /**
     * Runs on a sampler thread: judging 30,000 indexes is no work for the JavaFX thread, and is
     * skipped when neither the catalog nor a counter moved since the last judgement.
     */
    private synchronized void judge() {
        List<IndexDefinition> d = definitions;
        IndexUsage u = usage;
        List<TableScans> scans = tableScans;
        if (d == null || u == null) {
            return;
        }
        if (d == judgedDefinitions && scans == judgedScans && judgedUsage != null
                && u.byIndex().equals(judgedUsage.byIndex()) && u.tablesBuilding().equals(judgedUsage.tablesBuilding())) {
            ui.execute(() -> showWindow(u));
            return;
        }
        IndexReview judged = IndexClassifier.review(d, u, scans);
        judgedDefinitions = d;
        judgedScans = scans;
        judgedUsage = u;
        ui.execute(() -> show(judged, u));
    }

    private void show(IndexReview judged, IndexUsage u) {
        review.set(judged);
        applyFilter();
        missingIndexes.setAll(judged.missingIndexes());
        showWindow(u);
        summary.set(summarize(judged));
        FailedReindex failed = failedReindex;
        leftover.set(failed == null ? null : judged.indexes().stream().filter(failed::leftBehind).findFirst().orElse(null));
    }

    private void showWindow(IndexUsage u) {
        statsWindow.set(u.window() == null ? "Counters since: unknown"
                : "Counters since " + u.countingSince().toLocalDateTime().withNano(0).toString().replace('T', ' ')
                + " (" + Formats.age(u.window()) + ")");
    }

    private static String summarize(IndexReview r) {
        long unusedBytes = r.flagged(IndexFlag.UNUSED).stream()
                .mapToLong(i -> Objects.requireNonNullElse(i.index().sizeBytes(), 0L)).sum();
        return r.indexes().size() + " indexes: " + r.flagged(IndexFlag.UNUSED).size() + " unused ("
                + Formats.bytes(unusedBytes) + "), " + r.flagged(IndexFlag.DUPLICATE).size() + " duplicate, "
                + r.flagged(IndexFlag.REDUNDANT).size() + " redundant, " + r.flagged(IndexFlag.INVALID).size()
                + " invalid; " + r.missingIndexes().size() + " tables may miss an index";
    }

    private void applyFilter() {
        IndexReview r = review.get();
        if (r != null) {
            IndexFilter f = filter.get();
            indexes.setAll(r.indexes().stream().filter(f::shows).toList());
        }
    }

    /** REINDEX INDEX CONCURRENTLY; if it fails or is cancelled, its invalid copy is offered for dropping. */
    public boolean reindex(IndexReport report) {
        if (report == null) {
            return false;
        }
        IndexDefinition index = report.index();
        return actions.submit(new ReindexIndexAction(index.qualifiedName()),
                result -> afterReindex(new FailedReindex(index.tableOid(), index.name()), result));
    }

    /** REINDEX TABLE CONCURRENTLY of the selected index's table. */
    public boolean reindexTable(IndexReport report) {
        if (report == null) {
            return false;
        }
        return actions.submit(new ReindexTableAction(report.index().qualifiedTable()),
                result -> afterReindex(new FailedReindex(report.index().tableOid(), null), result));
    }

    /** DROP INDEX CONCURRENTLY, only for a flagged index no constraint needs. */
    public boolean drop(IndexReport report) {
        if (!canDrop(report)) {
            return false;
        }
        return actions.submit(new DropIndexAction(report.index()), r -> { });
    }

    public boolean dropLeftover() {
        return drop(leftover.get());
    }

    public static boolean canDrop(IndexReport report) {
        return report != null && report.droppable();
    }

    private void afterReindex(FailedReindex attempt, ActionResult result) {
        failedReindex = result.succeeded() ? null : attempt;
    }

    public Freshness freshness() {
        return freshness;
    }

    public Freshness definitionsFreshness() {
        return definitionsFreshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    public ObjectProperty<IndexFilter> filterProperty() {
        return filter;
    }

    public ObservableList<IndexReport> indexes() {
        return FXCollections.unmodifiableObservableList(indexes);
    }

    public ObservableList<MissingIndexHint> missingIndexes() {
        return FXCollections.unmodifiableObservableList(missingIndexes);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statsWindowProperty() {
        return statsWindow.getReadOnlyProperty();
    }

    /** An invalid copy the last failed or cancelled reindex left, while one exists; else null. */
    public ReadOnlyObjectProperty<IndexReport> leftoverProperty() {
        return leftover.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexReview> reviewProperty() {
        return review.getReadOnlyProperty();
    }
}
