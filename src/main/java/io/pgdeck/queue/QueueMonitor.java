package io.pgdeck.queue;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The queues of one target: detects the installations from the catalog (again every
 * {@link #REDETECT_EVERY} reads, so a library installed meanwhile appears), adds BullMQ's in the
 * profile's Redis servers, reads every queue's depth and throughput for the sampler, and serves
 * the job browser and the actions.
 */
public final class QueueMonitor implements QueueService, AutoCloseable {

    static final int REDETECT_EVERY = 60;

    private final DSLContext db;
    private final Supplier<List<CustomMapping>> mappings;
    private final DepthSettings settings;
    private final Duration window;
    /** Installations the profile names rather than the catalog shows: BullMQ in Redis. */
    private final List<QueueAdapter> given;
    private final Map<String, QueueAdapter> adapters = new ConcurrentHashMap<>();
    private volatile List<QueueAdapter> detected;
    private int reads;

    public QueueMonitor(Target target, Supplier<List<CustomMapping>> mappings, DepthSettings settings, Duration window) {
        this(target.db(), mappings, settings, window, QueueLibraries.inRedis(target.profile().redis()));
    }

    QueueMonitor(DSLContext db, Supplier<List<CustomMapping>> mappings, DepthSettings settings, Duration window) {
        this(db, mappings, settings, window, List.of());
    }

    QueueMonitor(DSLContext db, Supplier<List<CustomMapping>> mappings, DepthSettings settings, Duration window,
            List<QueueAdapter> given) {
        this.db = db;
        this.given = List.copyOf(given);
        this.mappings = mappings;
        this.settings = settings;
        this.window = window;
    }

    @Override
    public DepthSettings settings() {
        return settings;
    }

    public Duration window() {
        return window;
    }

    /** Forgets what was found: the next read looks again (after a custom mapping was saved). */
    public void redetect() {
        detected = null;
    }

    /** Every queue now. An installation that cannot be read becomes one sentence in the reading. */
    public synchronized QueueReading read() {
        if (detected == null || reads++ % REDETECT_EVERY == 0) {
            List<QueueAdapter> found = new ArrayList<>(QueueLibraries.detect(db, QueueLibraries.with(userMappings(), settings)));
            found.addAll(given);
            adapters.clear();
            found.forEach(a -> adapters.put(a.key(), a));
            detected = List.copyOf(found);
        }
        List<QueueStatus> queues = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (QueueAdapter adapter : detected) {
            adapter.limits().forEach(limit -> problems.add(describe(adapter) + ": " + limit));
            try {
                List<QueueThroughput> throughput = adapter.throughput(db, window);
                Map<QueueRef, QueueThroughput> done = throughput.stream()
                        .collect(Collectors.toMap(QueueThroughput::queue, t -> t, (a, b) -> a));
                // a queue left out had nothing in the window, unless the figure could not be read at all
                boolean doneKnown = adapter.keepsFinishedJobs() && throughput.stream().allMatch(t -> t.done() != null);
                boolean failedKnown = throughput.stream().allMatch(t -> t.failed() != null);
                List<QueueStatus> read = new ArrayList<>();
                for (QueueDepth depth : adapter.depths(db, settings)) {
                    QueueThroughput t = done.getOrDefault(depth.queue(), new QueueThroughput(depth.queue(), window,
                            doneKnown ? 0L : null, failedKnown ? 0L : null));
                    read.add(new QueueStatus(adapter.key(), depth, t));
                }
                queues.addAll(read);
                unread(adapter, read).ifPresent(problems::add);
            } catch (RuntimeException e) {
                // found from the catalog, which every role reads; its rows want SELECT, which pg_monitor lacks
                problems.add(describe(adapter) + ": " + Problems.hiddenFrom(e, adapter.schema())
                        .orElseGet(() -> Problems.describe(e)));
            }
        }
        return new QueueReading(detected.stream().map(QueueMonitor::describe).toList(), queues, problems);
    }

    /** The figures left unknown because no index makes them cheap, in one line: why "unknown" is shown. */
    private static java.util.Optional<String> unread(QueueAdapter adapter, List<QueueStatus> read) {
        java.util.Set<String> figures = new java.util.LinkedHashSet<>();
        for (QueueStatus s : read) {
            if (s.throughput().done() == null && adapter.keepsFinishedJobs()) {
                figures.add("done/min");
            }
            if (s.throughput().failed() == null) {
                figures.add("failed/min");
            }
            if (s.depth().oldestWaiting() == null) {
                figures.add("oldest waiting");
            }
            if (s.depth().stuck() == null) {
                figures.add("stuck");
            }
            if (s.depth().expired() == null) {
                figures.add("expired");
            }
        }
        return figures.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(describe(adapter) + ": "
                + String.join(", ", figures) + " unknown: no index of the library's makes the read cheap, so a"
                + " refresh does not scan the table for it");
    }

    public static String describe(QueueAdapter adapter) {
        return adapter.library() + " (" + adapter.schema() + ")";
    }

    private List<CustomMapping> userMappings() {
        try {
            return mappings.get();
        } catch (RuntimeException e) {
            return List.of(); // an unreadable mappings file must not hide the libraries
        }
    }

    private QueueAdapter adapter(String key) {
        QueueAdapter a = adapters.get(key);
        if (a == null) {
            throw new IllegalStateException("The queue installation " + key + " is no longer there.");
        }
        return a;
    }

    @Override
    public JobPage jobs(String adapterKey, JobFilter filter) {
        return adapter(adapterKey).jobs(db, filter);
    }

    @Override
    public Optional<JobDetail> job(String adapterKey, String id) {
        return adapter(adapterKey).job(db, id);
    }

    @Override
    public Count count(String adapterKey, JobFilter filter) {
        return adapter(adapterKey).count(db, filter, settings.exactBelow());
    }

    @Override
    public Optional<Action> retry(String adapterKey, List<String> ids) {
        return adapter(adapterKey).retry(ids);
    }

    @Override
    public Optional<Action> retryMatching(String adapterKey, JobFilter filter, long matching) {
        return adapter(adapterKey).retryMatching(filter, matching);
    }

    @Override
    public Optional<Action> cancel(String adapterKey, List<String> ids) {
        return adapter(adapterKey).cancel(ids);
    }

    @Override
    public Optional<Action> delete(String adapterKey, List<String> ids) {
        return adapter(adapterKey).delete(ids);
    }

    @Override
    public Optional<Action> makeVisibleNow(String adapterKey, List<String> ids) {
        return adapter(adapterKey).makeVisibleNow(ids);
    }

    @Override
    public Optional<Action> deleteMatching(String adapterKey, JobFilter filter, long matching) {
        return adapter(adapterKey).deleteMatching(filter, matching);
    }

    @Override
    public Count eligible(String adapterKey, JobOperation operation, JobFilter filter) {
        return adapter(adapterKey).eligible(db, operation, filter, settings.exactBelow());
    }

    @Override
    public List<KindDepth> kinds(String adapterKey, String queue) {
        return adapter(adapterKey).kinds(db, queue, settings, window);
    }

    @Override
    public Optional<Action> pause(String adapterKey, String queue) {
        return adapter(adapterKey).pause(queue);
    }

    @Override
    public Optional<Action> resume(String adapterKey, String queue) {
        return adapter(adapterKey).resume(queue);
    }

    @Override
    public List<String> libraryStates(String adapterKey) {
        return adapter(adapterKey).libraryStates();
    }

    /** Closes what the given adapters hold open (a Redis connection); the target is its owner's to close. */
    @Override
    public void close() {
        given.forEach(QueueAdapter::close);
    }
}
