package io.pgdeck.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a session's {@link BackgroundTask}s run (daemon threads, made as needed: an EXPLAIN
 * ANALYZE of a minute must not hold back a pgstattuple read) and how their outcome reaches the
 * JavaFX thread. Tests use {@link #sameThread()}, so view models are tested without threads.
 */
public final class TaskExecutor implements Executor, AutoCloseable {

    private final Executor worker;
    private final UiExecutor ui;

    private TaskExecutor(Executor worker, UiExecutor ui) {
        this.worker = worker;
        this.ui = ui;
    }

    public static TaskExecutor background(UiExecutor ui) {
        AtomicInteger n = new AtomicInteger();
        return new TaskExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pgdeck-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }), ui);
    }

    /** Runs each task and its outcome on the calling thread: for view-model tests. */
    public static TaskExecutor sameThread() {
        return new TaskExecutor(Runnable::run, UiExecutor.direct());
    }

    public void execute(BackgroundTask<?> task) {
        execute(() -> task.runAndPublish(ui));
    }

    /** Plain work off the JavaFX thread, for code that publishes through {@link UiExecutor} itself. */
    @Override
    public void execute(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException closed) {
            // The session closed while the JavaFX thread still held an event that asks for work
            // (a hidden stage's listener, a click queued behind the close): nobody waits for it.
        }
    }

    /** Stops the threads; a running statement is interrupted, its outcome no longer shown. */
    @Override
    public void close() {
        if (worker instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
