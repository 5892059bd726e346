package io.pgdeck.demo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload's fixed set of threads and its timetable. A task that fails is logged and runs
 * again at its next turn; once stopping, tasks do not start and their failures are expected.
 */
final class WorkloadExecutor {

    static final String THREAD_PREFIX = "pgdeck-demo-workload-";

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadExecutor.class);

    private final ScheduledExecutorService executor;
    private final AtomicBoolean stopping = new AtomicBoolean();

    WorkloadExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = Executors.newScheduledThreadPool(threads, factory);
    }

    /** Runs {@code task} after {@code first}, then again {@code pause} after each run ends (never piling up). */
    void every(Duration first, Duration pause, String name, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(name, task), first.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    void after(Duration delay, String name, Runnable task) {
        if (!stopping.get()) {
            executor.schedule(guarded(name, task), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    boolean stopping() {
        return stopping.get();
    }

    /** Drops every scheduled task and interrupts the running ones; {@link #awaitStop} waits for them. */
    void stop() {
        stopping.set(true);
        executor.shutdownNow();
    }

    boolean awaitStop(Duration timeout) {
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Runnable guarded(String name, Runnable task) {
        return () -> {
            if (stopping.get()) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                if (!stopping.get()) {
                    LOG.warn("demo workload: {} failed: {}", name, e.getMessage());
                    LOG.debug("demo workload: {} failed", name, e);
                }
            }
        };
    }
}
