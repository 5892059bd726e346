package io.pgdeck.ui;

import io.pgdeck.action.Progress;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/**
 * While an action of the door runs: its phase, a bar filled from pg_stat_progress_* (moving when
 * PostgreSQL gives no total for the phase) and a Cancel button. Hidden when nothing runs, so any
 * screen with action buttons can place one next to them.
 */
public final class ActionProgressBar extends HBox {

    public static final String CANCEL_ID = "action-cancel";

    public ActionProgressBar(ActionDoor door) {
        super(8);
        ProgressBar bar = new ProgressBar();
        bar.setId("action-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> fraction(door.progressProperty().get()),
                door.progressProperty()));
        Label phase = new Label();
        phase.setId("action-phase");
        phase.textProperty().bind(Bindings.createStringBinding(() -> describe(door.progressProperty().get()),
                door.progressProperty()));
        Button cancel = new Button("Cancel");
        cancel.setId(CANCEL_ID);
        cancel.setOnAction(e -> door.cancelRunning());
        cancel.setMinWidth(USE_PREF_SIZE);
        phase.setMinWidth(120);
        getChildren().addAll(bar, phase, cancel);
        setAlignment(Pos.CENTER_LEFT);
        visibleProperty().bind(door.busyProperty());
        managedProperty().bind(visibleProperty());
    }

    static double fraction(Progress p) {
        return p == null || p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction();
    }

    static String describe(Progress p) {
        return p == null ? "starting…" : p.text();
    }
}
