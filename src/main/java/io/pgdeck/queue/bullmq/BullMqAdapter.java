package io.pgdeck.queue.bullmq;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import io.pgdeck.action.Action;
import io.pgdeck.connect.RedisSource;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.Outcome;
import io.pgdeck.queue.QueueAdapter;
import io.pgdeck.queue.QueueDepth;
import io.pgdeck.queue.QueueThroughput;
import io.pgdeck.queue.SharedState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * The BullMQ queues of one Redis under one prefix. They are not found in the database's
 * catalog but from the profile's Redis sources, and read over Lettuce: the {@code DSLContext}
 * every {@link QueueAdapter} method takes is unused here, because the interface is the one the
 * queues screen and the command line speak to every library through.
 *
 * <p>BullMQ's layout as this adapter reads it, with where each part came from (taskforcesh/bullmq):
 * a queue is known by its {@code <prefix>:<queue>:meta} hash (holding {@code paused} while paused,
 * written by pause since 1.x); its job ids sit in the keys {@link BullMqState} lists; the
 * {@code prioritized} set and {@code pc} counter since 4.0.0 (42a890a); the {@code marker} set
 * since 5.0.0 (0bac0fb), before which the wait list held {@code 0:<time>} markers, skipped when
 * read; attempts made in the job hash's {@code atm} since 5.0.0, {@code attemptsMade} before;
 * the worker's name {@code pb} since 5.3.0, absent before (the browser shows none). Pause is
 * 5.81.5's pause-7.lua: {@code paused} in meta and the wait list renamed to {@code paused},
 * as every release since 1.x does. Every change is one of pgdeck's own scripts
 * ({@link BullMqScript}), each doing what the BullMQ 5.81.5 script of its name does when its
 * Job and Queue classes run it. Cancel is not a BullMQ concept: there is none.
 */
public final class BullMqAdapter implements QueueAdapter {

    public static final String LIBRARY = "BullMQ";
    private static final int BATCH = 1_000;
    /** How many active jobs are looked at for stuck ones: a worker's concurrency is far below. */
    private static final int ACTIVE_READ = 1_000;

    private final RedisLink redis;
    private final String prefix;
    private final BullMqJobs jobs;
    /**
     * SCAN walks every key of the Redis, job hashes included, so queues are looked for again
     * only this often; a queue's own keys are read every time.
     */
    static final Duration RESCAN_EVERY = Duration.ofMinutes(1);

    /** The queues found by the last scan, for the reads and for the actions, which are built without reading. */
    private volatile List<String> known = List.of();
    /** System.nanoTime() of the last scan; null before the first. */
    private volatile Long scannedAt;

    public BullMqAdapter(RedisSource source) {
        this.redis = new RedisLink(source);
        this.prefix = source.prefix();
        this.jobs = new BullMqJobs(this::ref);
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    /** Where the queues live: "localhost:6379/0 bull", never the password. */
    @Override
    public String schema() {
        return redis.source().describe();
    }

    @Override
    public List<String> libraryStates() {
        return BullMqState.names();
    }

    /** Every {@code <prefix>:<queue>:meta} by SCAN (never KEYS: it would block Redis), sorted by name. */
    @Override
    public List<String> queues(DSLContext unused) {
        RedisCommands<String, String> r = redis.commands();
        if (scannedAt != null && System.nanoTime() - scannedAt < RESCAN_EVERY.toNanos()) {
            return known;
        }
        TreeSet<String> names = new TreeSet<>();
        String head = prefix + ":";
        ScanArgs match = ScanArgs.Builder.matches(glob(head) + "*:meta").limit(1_000);
        KeyScanCursor<String> cursor = r.scan(match);
        while (true) {
            for (String key : cursor.getKeys()) {
                String name = key.substring(head.length(), key.length() - ":meta".length());
                if (!name.isEmpty() && !name.contains(":")) { // BullMQ refuses ':' in a queue's name (QueueBase)
                    names.add(name);
                }
            }
            if (cursor.isFinished()) {
                break;
            }
            cursor = r.scan(ScanCursor.of(cursor.getCursor()), match);
        }
        known = List.copyOf(names);
        scannedAt = System.nanoTime();
        return known;
    }

    @Override
    public List<QueueDepth> depths(DSLContext unused, DepthSettings settings) {
        RedisCommands<String, String> r = redis.commands();
        long now = now(r);
        List<QueueDepth> depths = new ArrayList<>();
        for (String name : queues(unused)) {
            BullMqQueue q = new BullMqQueue(prefix, name);
            Map<SharedState, Count> byState = new EnumMap<>(SharedState.class);
            for (SharedState s : SharedState.values()) {
                byState.put(s, Count.ZERO);
            }
            Map<String, Count> byLibraryState = new LinkedHashMap<>();
            for (BullMqState state : BullMqState.values()) {
                Count n = Count.exact(BullMqJobs.size(r, q, state, null)); // a Redis key knows its size: always exact
                byLibraryState.put(state.key, n);
                byState.merge(state.shared, n, Count::plus);
            }
            depths.add(new QueueDepth(ref(name), byState, byLibraryState, oldestWaiting(r, q, now),
                    stuck(r, q, now, settings.stuckAfter()), 0L, r.hexists(q.key("meta"), "paused"), time(now)));
        }
        return depths;
    }

    /**
     * The job next to run the longest ready: the tail of wait (or paused), which moveToActive
     * takes next, and the first of prioritized; ready since its timestamp plus its delay.
     */
    private static Duration oldestWaiting(RedisCommands<String, String> r, BullMqQueue q, long now) {
        List<String> next = new ArrayList<>();
        for (BullMqState list : List.of(BullMqState.WAIT, BullMqState.PAUSED)) {
            String id = r.lindex(q.key(list), -1);
            if (id != null && !id.startsWith("0:")) {
                next.add(id);
            }
        }
        next.addAll(r.zrange(q.key(BullMqState.PRIORITIZED), 0, 0));
        long oldest = now;
        for (String id : next) {
            List<String> at = r.hmget(q.job(id), "timestamp", "delay").stream().map(kv -> kv.getValueOrElse(null)).toList();
            if (at.get(0) != null) {
                oldest = Math.min(oldest, Long.parseLong(at.get(0)) + (at.get(1) == null ? 0 : Long.parseLong(at.get(1))));
            }
        }
        return Duration.ofMillis(Math.max(0, now - oldest));
    }

    private static long stuck(RedisCommands<String, String> r, BullMqQueue q, long now, Duration after) {
        long stuck = 0;
        for (String id : r.lrange(q.key(BullMqState.ACTIVE), 0, ACTIVE_READ - 1)) {
            String started = r.hget(q.job(id), "processedOn");
            if (started != null && now - Long.parseLong(started) > after.toMillis()) {
                stuck++;
            }
        }
        return stuck;
    }

    /**
     * Completed and failed in the window, counted by score (finishedOn) in their sets. Failed is
     * failed for good: an attempt that failed with attempts left leaves no mark but in the events
     * stream, so it is not counted.
     */
    @Override
    public List<QueueThroughput> throughput(DSLContext unused, Duration window) {
        RedisCommands<String, String> r = redis.commands();
        long now = now(r);
        Range<Long> inWindow = Range.create(now - window.toMillis(), Long.MAX_VALUE);
        List<QueueThroughput> out = new ArrayList<>();
        for (String name : queues(unused)) {
            BullMqQueue q = new BullMqQueue(prefix, name);
            out.add(new QueueThroughput(ref(name), window, r.zcount(q.key(BullMqState.COMPLETED), inWindow),
                    r.zcount(q.key(BullMqState.FAILED), inWindow)));
        }
        return out;
    }

    @Override
    public JobPage jobs(DSLContext unused, JobFilter filter) {
        RedisCommands<String, String> r = redis.commands();
        return jobs.page(r, prefix, queues(unused), filter, now(r));
    }

    @Override
    public Count count(DSLContext unused, JobFilter filter, long exactBelow) {
        RedisCommands<String, String> r = redis.commands();
        return jobs.count(r, prefix, queues(unused), filter, exactBelow, now(r));
    }

    @Override
    public Optional<JobDetail> job(DSLContext unused, String id) {
        return jobs.detail(redis.commands(), prefix, id);
    }

    /**
     * A failed job as Job.retry('failed') moves it (reprocessJob-8.lua: attempts made kept, as
     * BullMQ's default leaves them; lifo from the job's opts), and a delayed one as Job.promote
     * (promote-9.lua). Both scripts run for each job: each moves it only from its own set, so
     * exactly one acts.
     */
    @Override
    public Optional<Action> retry(List<String> ids) {
        List<ScriptCall> calls = new ArrayList<>();
        for (JobRef ref : ids.stream().flatMap(id -> JobRef.parse(id).stream()).toList()) {
            BullMqQueue q = new BullMqQueue(prefix, ref.queue());
            String jobId = ref.id();
            calls.add(new ScriptCall(BullMqScript.REPROCESS_JOB, List.of(q.job(jobId), q.key("events"),
                    q.key(BullMqState.FAILED), q.key(BullMqState.WAIT), q.key("meta"), q.key(BullMqState.PAUSED),
                    q.key(BullMqState.ACTIVE), q.key("marker")), List.of(jobId, "failedReason", "failed"),
                    ScriptCall.succeedsWith(1)));
            calls.add(new ScriptCall(BullMqScript.PROMOTE, List.of(q.key(BullMqState.DELAYED), q.key(BullMqState.WAIT),
                    q.key(BullMqState.PAUSED), q.key("meta"), q.key(BullMqState.PRIORITIZED), q.key(BullMqState.ACTIVE),
                    q.key("pc"), q.key("events"), q.key("marker")), List.of(q.base(), jobId), ScriptCall.succeedsWith(0)));
        }
        return Optional.of(BullMqAction.of("Retry " + jobs(ids.size()) + " in " + installation(), calls,
                "A failed job goes back to wait with its attempts made kept, a delayed one is promoted to run now,"
                        + " as BullMQ's Job.retry and Job.promote do; a waiting, active or completed job is left alone.",
                redis, Outcome.counted("job", "moved to wait")));
    }

    /**
     * Queue.retryJobs (failed, up to now) or Queue.promoteJobs (delayed), both moveJobsToWait-8.lua
     * a thousand at a time; neither takes a kind or a text, so a filter with one has no bulk retry.
     */
    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        Optional<BullMqState> from = retried(filter);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        // Queue.promoteJobs passes Number.MAX_VALUE as the timestamp: every delayed job, whenever due
        String until = from.get() == BullMqState.DELAYED ? "1.7976931348623157e+308" : Long.toString(now);
        List<ScriptCall> calls = new ArrayList<>();
        for (String name : queuesOf(filter)) {
            BullMqQueue q = new BullMqQueue(prefix, name);
            for (long i = 0; i < steps(matching); i++) {
                calls.add(new ScriptCall(BullMqScript.MOVE_JOBS_TO_WAIT, List.of(q.base(), q.key("events"), q.key(from.get()),
                        q.key(BullMqState.WAIT), q.key(BullMqState.PAUSED), q.key("meta"), q.key(BullMqState.ACTIVE),
                        q.key("marker")), List.of(Integer.toString(BATCH), until, from.get().key), reply -> 0));
            }
        }
        String what = from.get() == BullMqState.FAILED ? "failed by " + Instant.ofEpochMilli(now) : "delayed";
        return Optional.of(BullMqAction.of((from.get() == BullMqState.FAILED ? "Retry " : "Promote ") + jobs(matching)
                        + " matching the filter in " + installation(), calls,
                "Every job " + what + " in the queue goes to wait, as BullMQ's Queue."
                        + (from.get() == BullMqState.FAILED ? "retryJobs" : "promoteJobs") + " moves them (priorities not kept,"
                        + " as there); attempts made are kept.", redis,
                returned -> "Every job " + what + " is back in wait, as BullMQ's own "
                        + (from.get() == BullMqState.FAILED ? "retryJobs" : "promoteJobs") + " leaves them."));
    }

    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.empty();
    }

    /** Job.remove (removeJob-2.lua, with its children): a job a worker holds the lock of is refused. */
    @Override
    public Optional<Action> delete(List<String> ids) {
        List<ScriptCall> calls = new ArrayList<>();
        for (JobRef ref : ids.stream().flatMap(id -> JobRef.parse(id).stream()).toList()) {
            BullMqQueue q = new BullMqQueue(prefix, ref.queue());
            String jobId = ref.id();
            calls.add(new ScriptCall(BullMqScript.REMOVE_JOB, List.of(q.job(jobId), q.key("repeat")),
                    List.of(jobId, "1", q.base()), ScriptCall.succeedsWith(1)));
        }
        return Optional.of(BullMqAction.of("Delete " + jobs(ids.size()) + " in " + installation(), calls,
                "The jobs are removed for good with their data, logs and children, as BullMQ's Job.remove does;"
                        + " an active job (locked by its worker) is refused.", redis, Outcome.counted("job", "deleted")));
    }

    /** Queue.clean(grace, limit, 'completed' / 'failed'): cleanJobsInSet-3.lua, a thousand at a time. */
    @Override
    public Optional<Action> deleteMatching(JobFilter filter, long matching) {
        List<BullMqState> sets = purged(filter);
        if (sets.isEmpty()) {
            return Optional.empty();
        }
        String until = Long.toString(System.currentTimeMillis() - age(filter).toMillis());
        List<ScriptCall> calls = new ArrayList<>();
        for (String name : queuesOf(filter)) {
            BullMqQueue q = new BullMqQueue(prefix, name);
            for (BullMqState set : sets) {
                for (long i = 0; i < steps(matching); i++) {
                    calls.add(new ScriptCall(BullMqScript.CLEAN_JOBS_IN_SET, List.of(q.key(set), q.key("events"), q.key("repeat")),
                            List.of(q.base(), until, Integer.toString(BATCH), set.key), ScriptCall::listed));
                }
            }
        }
        return Optional.of(BullMqAction.of("Delete " + jobs(matching) + " finished jobs matching the filter in "
                + installation(), calls, "Completed and failed jobs finished before "
                + Instant.ofEpochMilli(Long.parseLong(until)) + " are removed for good, as BullMQ's Queue.clean removes them.",
                redis, Outcome.counted("job", "deleted")));
    }

    @Override
    public Count eligible(DSLContext unused, JobOperation operation, JobFilter filter, long exactBelow) {
        RedisCommands<String, String> r = redis.commands();
        long now = now(r);
        long n = 0;
        List<String> queues = filter.queue() != null ? List.of(filter.queue()) : queues(unused);
        for (String name : queues) {
            BullMqQueue q = new BullMqQueue(prefix, name);
            switch (operation) {
                case RETRY -> n += retried(filter).map(s -> s == BullMqState.DELAYED ? r.zcard(q.key(s))
                        : r.zcount(q.key(s), Range.create(0, now))).orElse(0L);
                case DELETE -> {
                    for (BullMqState set : purged(filter)) {
                        n += r.zcount(q.key(set), Range.create(0, now - age(filter).toMillis()));
                    }
                }
                case CANCEL -> { }
            }
        }
        return Count.exact(n);
    }

    @Override
    public Optional<Action> pause(String queue) {
        return Optional.of(pauseOrResume(queue, true));
    }

    @Override
    public Optional<Action> resume(String queue) {
        return Optional.of(pauseOrResume(queue, false));
    }

    /** Queue.pause / Queue.resume: pause-7.lua sets or clears meta's paused and renames wait and paused. */
    private Action pauseOrResume(String queue, boolean pause) {
        BullMqQueue q = new BullMqQueue(prefix, queue);
        BullMqState from = pause ? BullMqState.WAIT : BullMqState.PAUSED;
        BullMqState to = pause ? BullMqState.PAUSED : BullMqState.WAIT;
        ScriptCall call = new ScriptCall(BullMqScript.PAUSE, List.of(q.key(from), q.key(to), q.key("meta"),
                q.key(BullMqState.PRIORITIZED), q.key("events"), q.key(BullMqState.DELAYED), q.key("marker")),
                List.of(pause ? "paused" : "resumed"), reply -> 0);
        String verb = pause ? "paused" : "resumed";
        return BullMqAction.of((pause ? "Pause" : "Resume") + " queue " + queue + " in " + installation(), List.of(call),
                pause ? "Workers take no new job from the queue until it is resumed; active jobs finish." 
                        : "Workers take jobs from the queue again.", redis, returned -> "Queue " + queue + " " + verb + ".");
    }

    /** The set a bulk retry takes its jobs from: failed (retryJobs) or delayed (promoteJobs). */
    private static Optional<BullMqState> retried(JobFilter filter) {
        if (filter.kind() != null || filter.text() != null || filter.olderThan() != null) {
            return Optional.empty();
        }
        if (filter.libraryState() != null) {
            return filter.libraryState().equals("failed") ? Optional.of(BullMqState.FAILED)
                    : filter.libraryState().equals("delayed") ? Optional.of(BullMqState.DELAYED) : Optional.empty();
        }
        return filter.state() == null || filter.state() == SharedState.DEAD ? Optional.of(BullMqState.FAILED)
                : filter.state() == SharedState.SCHEDULED ? Optional.of(BullMqState.DELAYED) : Optional.empty();
    }

    /** The sets Queue.clean purges for a filter; none when it names a kind or a text Queue.clean cannot take. */
    private static List<BullMqState> purged(JobFilter filter) {
        if (filter.kind() != null || filter.text() != null) {
            return List.of();
        }
        return List.of(BullMqState.COMPLETED, BullMqState.FAILED).stream()
                .filter(s -> filter.state() == null || s.shared == filter.state())
                .filter(s -> filter.libraryState() == null || s.key.equals(filter.libraryState())).toList();
    }

    private static Duration age(JobFilter filter) {
        return filter.olderThan() == null ? Duration.ZERO : filter.olderThan();
    }

    private List<String> queuesOf(JobFilter filter) {
        return filter.queue() != null ? List.of(filter.queue()) : known;
    }

    /** Enough calls of a thousand for the jobs counted, and one for those that came since. */
    private static long steps(long matching) {
        return (matching + BATCH - 1) / BATCH + 1;
    }

    private String installation() {
        return library() + " (" + schema() + ")";
    }

    private static String jobs(long n) {
        return io.pgdeck.catalog.Formats.count(n) + (n == 1 ? " job" : " jobs");
    }

    /** Redis's clock, which BullMQ's scores and timestamps are compared with by its scripts' callers. */
    private static long now(RedisCommands<String, String> r) {
        List<String> time = r.time();
        return Long.parseLong(time.get(0)) * 1_000 + Long.parseLong(time.get(1)) / 1_000;
    }

    private static OffsetDateTime time(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    /** A prefix as a SCAN pattern matches it literally. */
    private static String glob(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    /** Closes its Redis connection, when the screen or the command that read it is done. */
    @Override
    public void close() {
        redis.close();
    }
}
