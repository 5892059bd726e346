package io.pgdeck.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs readers on a schedule, off the JavaFX thread. Each task has a cadence in ticks of the
 * refresh interval: live counters every tick, catalog sizes every few dozen. A task still
 * running when it is due again is skipped, not queued, so a slow server never piles work up.
 */
public final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Clock clock;
    private final List<Task<?>> tasks = new CopyOnWriteArrayList<>();
    private final AtomicLong tick = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration interval;
    private ScheduledFuture<?> schedule;

    public Sampler(Duration interval) {
        this(interval, Clock.systemUTC());
    }

    public Sampler(Duration interval, Clock clock) {
        this.interval = Objects.requireNonNull(interval);
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("pgdeck-sampler-tick"));
        // Two workers: a slow catalog read must not hold back the one-second counters.
        this.workers = Executors.newFixedThreadPool(2, daemon("pgdeck-sampler"));
    }

    /** Adds a reader run every {@code everyTicks} refreshes; its results go to {@code sink}. */
    public <T> Task<T> every(int everyTicks, String name, Reader<T> reader, Consumer<Sample<T>> sink) {
        Task<T> task = new Task<>(name, everyTicks, reader, sink);
        tasks.add(task);
        return task;
    }

    public <T> Task<T> everyTick(String name, Reader<T> reader, Consumer<Sample<T>> sink) {
        return every(1, name, reader, sink);
    }

    public synchronized void start() {
        if (schedule == null) {
            schedule = ticker.scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void setInterval(Duration newInterval) {
        interval = Objects.requireNonNull(newInterval);
        if (schedule != null) {
            schedule.cancel(false);
            schedule = ticker.scheduleAtFixedRate(this::tick, newInterval.toMillis(), newInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    public Duration interval() {
        return interval;
    }

    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
    }

    public boolean paused() {
        return paused.get();
    }

    /** Runs every task now, whatever its cadence (the refresh button). */
    public void refreshNow() {
        tasks.forEach(t -> t.submit(true));
    }

    private void tick() {
        if (paused.get()) {
            return;
        }
        long n = tick.getAndIncrement();
        for (Task<?> task : tasks) {
            if (n % task.everyTicks == 0) {
                task.submit(false);
            }
        }
    }

    @Override
    public void close() {
        closed.set(true);
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A read that may fail; failures become {@link Sample#failed} instead of killing the schedule. */
    @FunctionalInterface
    public interface Reader<T> {
        T read() throws Exception;
    }

    public final class Task<T> {
        private final String name;
        private final int everyTicks;
        private final Reader<T> reader;
        private final Consumer<Sample<T>> sink;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong skipped = new AtomicLong();

        private Task(String name, int everyTicks, Reader<T> reader, Consumer<Sample<T>> sink) {
            this.name = name;
            this.everyTicks = Math.max(1, everyTicks);
            this.reader = reader;
            this.sink = sink;
        }

        public long skipped() {
            return skipped.get();
        }

        public void remove() {
            tasks.remove(this);
        }

        private void submit(boolean forced) {
            if (!running.compareAndSet(false, true)) {
                skipped.incrementAndGet();
                return;
            }
            try {
                workers.execute(this::run);
            } catch (RuntimeException rejected) {
                running.set(false);
            }
        }

        private void run() {
            try {
                Sample<T> sample = read();
                // After close nobody listens; the read close() interrupted is not news to report.
                if (!closed.get()) {
                    sink.accept(sample);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: sink failed", name, e);
            } finally {
                // Only once the sink has the sample: a busy sink counts as still running, so one
                // task's samples never reach it at the same time or out of order.
                running.set(false);
            }
        }

        private Sample<T> read() {
            Instant start = clock.instant();
            long t0 = System.nanoTime();
            try {
                return Sample.of(reader.read(), start, Duration.ofNanos(System.nanoTime() - t0));
            } catch (Exception | LinkageError e) {
                LOG.debug("{} failed: {}", name, e.toString());
                return Sample.failed(e, start, Duration.ofNanos(System.nanoTime() - t0));
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
