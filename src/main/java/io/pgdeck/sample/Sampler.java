package io.pgdeck.sample;

import io.pgdeck.catalog.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * Runs feeds (a named reader and its cadence) on a schedule, off the JavaFX thread. A feed runs
 * at its cadence while someone wants it: a visible screen, or a live subscriber such as the status
 * bar; a feed nobody looks at does not run, and reads at once when a screen that wants it is shown
 * again if it missed a read meanwhile. A feed still running when it is due again is skipped, not
 * queued, so a slow server never piles work up.
 */
public final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    /** While the whole session is hidden (another server's tab is shown), its live feeds read this rarely at most. */
    static final int HIDDEN_EVERY = 10;

    private final ScheduledExecutorService ticker;
    private final ExecutorService workers;
    private final Clock clock;
    private final Map<String, Feed<?>> feeds = new ConcurrentHashMap<>();
    private final List<Feed<?>> order = new CopyOnWriteArrayList<>();
    private final AtomicLong tick = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean shown = true;
    private volatile Duration interval;
    private Duration offset = Duration.ZERO;
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

    /**
     * The feed of this name, made on first ask: screens that need the same facts share one read.
     * Its cadence and topics are those of the first ask.
     */
    @SuppressWarnings("unchecked")
    public <T> Feed<T> feed(String name, int everyTicks, Set<Topic> topics, Reader<T> reader) {
        return (Feed<T>) feeds.computeIfAbsent(name, n -> {
            Feed<T> feed = new Feed<>(n, everyTicks, Set.copyOf(topics), reader);
            order.add(feed);
            return feed;
        });
    }

    /** The feeds, in the order they were first asked for: what this session reads. */
    public List<Feed<?>> feeds() {
        return List.copyOf(order);
    }

    public synchronized void start() {
        start(Duration.ZERO);
    }

    /**
     * Starts ticking after {@code offset}: sessions of several servers started together tick at
     * different moments instead of all reading in the same instant.
     */
    public synchronized void start(Duration offset) {
        if (schedule == null) {
            this.offset = Objects.requireNonNull(offset);
            schedule = ticker.scheduleAtFixedRate(this::tick, offset.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized void setInterval(Duration newInterval) {
        interval = Objects.requireNonNull(newInterval);
        if (schedule != null) {
            schedule.cancel(false);
            long every = newInterval.toMillis();
            schedule = ticker.scheduleAtFixedRate(this::tick, every + offset.toMillis() % every, every,
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

    /**
     * Whether the session's window or tab is shown. Hidden, no screen is visible: only the live
     * feeds run, and slowly; shown again, the feeds of the visible screens catch up at once.
     */
    public void setShown(boolean shown) {
        this.shown = shown;
        if (shown) {
            order.forEach(Feed::catchUp);
        }
    }

    /** The refresh button: every feed someone looks at reads now, whatever its cadence; the others when next shown. */
    public void refreshNow() {
        order.forEach(Feed::refresh);
    }

    /** After an action: the feeds of the topics it changed read again, the others keep their cadence. */
    public void refresh(Set<Topic> touched) {
        for (Feed<?> feed : order) {
            if (feed.topics.stream().anyMatch(touched::contains)) {
                feed.refresh();
            }
        }
    }

    private void tick() {
        if (paused.get()) {
            return;
        }
        long n = tick.getAndIncrement();
        order.forEach(feed -> feed.tick(n));
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

    /** One subscriber of a feed: a screen says through it whether it is visible. */
    public interface Subscription {
        void visible(boolean visible);
    }

    /** A named reader with its cadence and the topics it reads, shared by the screens that show it. */
    public final class Feed<T> {
        private final String name;
        private final int everyTicks;
        private final Set<Topic> topics;
        private final Reader<T> reader;
        private final List<Consumer<Sample<T>>> sinks = new CopyOnWriteArrayList<>();
        private final AtomicInteger live = new AtomicInteger();
        private final AtomicInteger visible = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong reads = new AtomicLong();
        /** Missed a read (a refresh, an action) while nobody looked: reads as soon as someone does. */
        private final AtomicBoolean stale = new AtomicBoolean(true);

        private Feed(String name, int everyTicks, Set<Topic> topics, Reader<T> reader) {
            this.name = name;
            this.everyTicks = Math.max(1, everyTicks);
            this.topics = topics;
            this.reader = reader;
        }

        /** A subscriber that wants the feed always (the overview, the status bar). */
        public void subscribeLive(Consumer<Sample<T>> sink) {
            sinks.add(sink);
            live.incrementAndGet();
        }

        /** A subscriber that wants the feed while its screen is visible; it starts hidden. */
        public Subscription subscribe(Consumer<Sample<T>> sink) {
            sinks.add(sink);
            AtomicBoolean mine = new AtomicBoolean();
            return v -> {
                if (mine.compareAndSet(!v, v)) {
                    if (v && visible.incrementAndGet() == 1) {
                        catchUp();
                    } else if (!v) {
                        visible.decrementAndGet();
                    }
                }
            };
        }

        public Set<Topic> topics() {
            return topics;
        }

        public long skipped() {
            return skipped.get();
        }

        /** How many reads this feed has started. */
        public long reads() {
            return reads.get();
        }

        public void remove() {
            order.remove(this);
            feeds.remove(name, this);
        }

        private boolean wanted() {
            return live.get() > 0 || (shown && visible.get() > 0);
        }

        private void tick(long n) {
            if (!wanted()) {
                // a read missed while nobody looked is made up when someone does
                if (n % everyTicks == 0) {
                    stale.set(true);
                }
                return;
            }
            int every = shown ? everyTicks : Math.max(everyTicks, HIDDEN_EVERY);
            if (n % every == 0) {
                submit();
            }
        }

        private void catchUp() {
            if (wanted() && stale.get()) {
                submit();
            }
        }

        private void refresh() {
            stale.set(true);
            if (wanted()) {
                submit();
            }
        }

        private void submit() {
            if (!running.compareAndSet(false, true)) {
                skipped.incrementAndGet();
                return;
            }
            stale.set(false);
            reads.incrementAndGet();
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
                    for (Consumer<Sample<T>> sink : sinks) {
                        deliver(sink, sample);
                    }
                }
            } finally {
                // Only once the sinks have the sample: a busy sink counts as still running, so one
                // feed's samples never reach it at the same time or out of order.
                running.set(false);
            }
        }

        private void deliver(Consumer<Sample<T>> sink, Sample<T> sample) {
            try {
                sink.accept(sample);
            } catch (RuntimeException e) {
                LOG.warn("{}: sink failed", name, e);
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
