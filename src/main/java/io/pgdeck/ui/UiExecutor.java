package io.pgdeck.ui;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * The one way onto the JavaFX thread. View models post every update through it, so tests can
 * swap in {@link #direct()} and stay deterministic without a toolkit.
 */
public interface UiExecutor extends Executor {

    static UiExecutor fx() {
        return task -> {
            if (Platform.isFxApplicationThread()) {
                task.run();
            } else {
                Platform.runLater(task);
            }
        };
    }

    /** Runs on the calling thread: for view-model tests. */
    static UiExecutor direct() {
        return Runnable::run;
    }
}
