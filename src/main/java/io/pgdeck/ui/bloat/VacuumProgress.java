package io.pgdeck.ui.bloat;

import io.pgdeck.action.Progress;
import io.pgdeck.ui.ActionDoor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * While an action runs: its phase from pg_stat_progress_*, a bar (indeterminate when
 * PostgreSQL gives no count for the phase) and a Cancel button. Hidden when nothing runs.
 */
final class VacuumProgress extends HBox {

    VacuumProgress(ActionDoor actions) {
        super(8);
        ProgressBar bar = new ProgressBar();
        bar.setId("vacuum-progress");
        bar.setPrefWidth(180);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
            Progress p = actions.progressProperty().get();
            return p == null || p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction();
        }, actions.progressProperty()));
        Label phase = new Label();
        phase.setId("vacuum-phase");
        phase.textProperty().bind(Bindings.createStringBinding(() -> {
            Progress p = actions.progressProperty().get();
            return p == null ? "starting…" : p.total() > 0 ? p.phase() + " (" + p.done() + " of " + p.total() + " blocks)"
                    : p.phase();
        }, actions.progressProperty()));
        Button cancel = new Button("Cancel");
        cancel.setId("vacuum-cancel");
        cancel.setOnAction(e -> actions.cancelRunning());
        getChildren().addAll(bar, phase, cancel);
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(actions.busyProperty());
        managedProperty().bind(visibleProperty());
    }
}
