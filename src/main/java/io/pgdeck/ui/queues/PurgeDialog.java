package io.pgdeck.ui.queues;

import io.pgdeck.queue.Count;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Which finished jobs of a queue to purge and how old; says how many that is before anything is
 * asked. "Purge…" then goes through the action door, whose confirmation shows the batched SQL.
 */
final class PurgeDialog extends Dialog<ButtonType> {

    static final ButtonType PURGE = new ButtonType("Purge…", ButtonBar.ButtonData.OK_DONE);

    PurgeDialog(PurgeViewModel model) {
        setTitle("Purge finished jobs");
        setHeaderText("Delete finished jobs of " + model.queueLabel() + ", in batches of committed deletes.");
        ToggleGroup which = new ToggleGroup();
        RadioButton dead = new RadioButton("Dead jobs only (failed for good)");
        dead.setId("purge-dead-only");
        RadioButton finished = new RadioButton("Dead, done and cancelled jobs");
        finished.setId("purge-finished");
        dead.setToggleGroup(which);
        finished.setToggleGroup(which);
        which.selectToggle(model.deadOnlyProperty().get() ? dead : finished);
        which.selectedToggleProperty().addListener((o, a, t) -> model.deadOnlyProperty().set(t == dead));

        Spinner<Integer> age = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100_000,
                model.ageProperty().get()));
        age.setId("purge-age");
        age.setEditable(true);
        age.setPrefWidth(100);
        age.getEditor().textProperty().addListener((o, a, text) -> {
            try {
                age.getValueFactory().setValue(Integer.parseInt(text.strip()));
            } catch (NumberFormatException notYet) {
                // half typed: the count waits for a number
            }
        });
        age.valueProperty().addListener((o, a, n) -> model.ageProperty().set(n));
        ChoiceBox<ChronoUnit> unit = new ChoiceBox<>();
        unit.setId("purge-unit");
        unit.getItems().addAll(ChronoUnit.DAYS, ChronoUnit.HOURS);
        unit.setConverter(new StringConverter<>() {
            @Override
            public String toString(ChronoUnit u) {
                return u == null ? "" : u.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public ChronoUnit fromString(String s) {
                return ChronoUnit.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        unit.valueProperty().bindBidirectional(model.unitProperty());
        HBox older = new HBox(8, new Label("that ended more than"), age, unit, new Label("ago"));
        older.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label eligible = new Label();
        eligible.setId("purge-eligible");
        eligible.textProperty().bind(model.messageProperty());
        getDialogPane().setContent(new VBox(8, dead, finished, older, eligible));
        getDialogPane().setId("purge-dialog");
        getDialogPane().getButtonTypes().addAll(PURGE, ButtonType.CANCEL);
        getDialogPane().lookupButton(PURGE).disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Count n = model.eligibleProperty().get();
            return n == null || n.value() == 0;
        }, model.eligibleProperty()));
        model.count();
    }
}
