package io.pgdeck.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;

/**
 * The one sentence a screen shows in place of its maintenance buttons on a standby, with what
 * its own figures mean there (a standby's counters count its own reads, not the primary's).
 */
public final class StandbyNote {

    private StandbyNote() {}

    public static Label of(ActionDoor actions, String countersMeaning) {
        Label note = new Label();
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> actions.writesRefusedProperty().get().isEmpty() ? ""
                : actions.writesRefusedProperty().get() + " " + countersMeaning, actions.writesRefusedProperty()));
        note.visibleProperty().bind(actions.writesRefusedProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }
}
