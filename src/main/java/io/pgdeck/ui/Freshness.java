package io.pgdeck.ui;

import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.Problems;
import io.pgdeck.sample.Sample;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * When a panel's data was read and whether it is stale: every panel shows this, so a DBA never
 * mistakes numbers from before a disconnect for live ones. Call only on the JavaFX thread.
 */
public final class Freshness {

    private final ReadOnlyObjectWrapper<Instant> lastGood = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("waiting for the first read…");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public void update(Sample<?> sample) {
        if (sample.ok()) {
            lastGood.set(sample.readAt());
            stale.set(false);
            error.set("");
            text.set("read " + Formats.clock(sample.readAt()) + " in " + sample.took().toMillis() + " ms");
        } else {
            stale.set(true);
            error.set(Problems.describe(sample.error()));
            text.set("stale since " + Formats.clock(lastGood.get()) + ": " + error.get());
        }
    }

    public ReadOnlyObjectProperty<Instant> lastGoodProperty() {
        return lastGood.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
