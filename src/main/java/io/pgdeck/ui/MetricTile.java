package io.pgdeck.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A big number with a caption under it, for the top of a screen. */
public final class MetricTile extends VBox {

    public static final String STYLE_CLASS = "metric-tile";

    private final Label value = new Label("–");

    public MetricTile(String caption, ObservableValue<String> text) {
        Label label = new Label(caption);
        label.getStyleClass().add("metric-caption");
        value.getStyleClass().add("metric-value");
        value.textProperty().bind(text);
        getStyleClass().add(STYLE_CLASS);
        getChildren().addAll(value, label);
    }

    /** Marks the value as a warning (e.g. connections above 80 % of the limit). */
    public void warn(boolean on) {
        value.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), on);
    }

    public Label valueLabel() {
        return value;
    }
}
