package io.pgdeck.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a view model runs off the JavaFX thread, with what to do with its result or its failure
 * on the JavaFX thread: {@code BackgroundTask.wrap(read).onSuccess(show).onFailure(say).executeWith(tasks)}.
 * The one way background work is written, so the try/execute/catch is written once.
 */
public final class BackgroundTask<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    /** Work with no result, such as a cancel request or writing a file. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Callable<T> work;
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<Exception> onFailure = e -> LOG.warn("background task failed", e);

    private BackgroundTask(Callable<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> run(Work work) {
        return new BackgroundTask<>(() -> {
            work.run();
            return null;
        });
    }

    /** Gets the result on the JavaFX thread. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> onSuccess) {
        this.onSuccess = Objects.requireNonNull(onSuccess);
        return this;
    }

    /** Gets the failure on the JavaFX thread; without one, failures are logged. */
    public BackgroundTask<T> onFailure(Consumer<Exception> onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure);
        return this;
    }

    public void executeWith(TaskExecutor executor) {
        executor.execute(this);
    }

    /** Runs the work on the calling thread and publishes its outcome through {@code ui}. */
    void runAndPublish(UiExecutor ui) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            ui.execute(() -> onFailure.accept(e));
            return;
        }
        ui.execute(() -> onSuccess.accept(result));
    }
}
