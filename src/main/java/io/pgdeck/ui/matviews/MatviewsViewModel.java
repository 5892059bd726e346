package io.pgdeck.ui.matviews;

import io.pgdeck.action.Action;
import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.action.RefreshAllMatviewsAction;
import io.pgdeck.action.RefreshMatviewAction;
import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewOrder;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Materialized views: size, rows, populated, whether they refresh concurrently, what they read,
 * and when pgdeck last refreshed them (from the audit log). Refresh one, or all in dependency
 * order, with the elapsed time shown while it runs and a cancel.
 */
public final class MatviewsViewModel {

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final String target;
    private final Supplier<MatviewRefreshHistory> history;
    private final Freshness freshness = new Freshness();
    private final ObservableList<MatviewRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Instant> runningSince = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<MatviewRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private List<Matview> matviews = List.of();

    /**
     * @param target  the target as the audit log names it
     * @param history reads the audit log; called on the sampler's thread, never the JavaFX one
     */
    public MatviewsViewModel(UiExecutor ui, ActionDoor actions, String target,
                             Supplier<MatviewRefreshHistory> history) {
        this.ui = ui;
        this.actions = actions;
        this.target = target;
        this.history = history;
    }

    public void onMatviews(Sample<List<Matview>> sample) {
        MatviewRefreshHistory past = sample.ok() ? history.get() : null;
        ui.execute(() -> {
            freshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            matviews = sample.value();
            List<Matview> order = MatviewOrder.refreshOrder(matviews);
            List<MatviewRow> out = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                out.add(new MatviewRow(order.get(i), i + 1, past.last(target, order.get(i))));
            }
            rows.setAll(out);
            long plain = matviews.stream().filter(m -> !m.refreshableConcurrently()).count();
            summary.set(matviews.size() + " materialized views; " + (matviews.size() - plain)
                    + " refresh concurrently, " + plain + " only with an ACCESS EXCLUSIVE lock. Refresh order: "
                    + String.join(" → ", order.stream().map(Matview::name).toList()));
        });
    }

    public boolean refresh(Matview m) {
        return m != null && submit(new RefreshMatviewAction(m));
    }

    public boolean refreshAll() {
        return !matviews.isEmpty() && submit(new RefreshAllMatviewsAction(matviews));
    }

    /** Cancels the running refresh (a cancel request for its statement); the view keeps its old contents. */
    public void cancel() {
        actions.cancelRunning();
    }

    private boolean submit(Action action) {
        Instant started = Instant.now();
        boolean submitted = actions.submit(action, r -> {
            runningSince.set(null);
        });
        if (submitted && actions.busyProperty().get()) {
            runningSince.set(started);
        }
        return submitted;
    }

    public Freshness freshness() {
        return freshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    public ObservableList<MatviewRow> rows() {
        return rowsView;
    }

    /** When the running refresh started, or null: the view counts the elapsed time from it. */
    public ReadOnlyObjectProperty<Instant> runningSinceProperty() {
        return runningSince.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
