package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Explain;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Depths and throughput of a job table described by a {@link JobTable}, cheap enough to run
 * every few seconds on ten million rows. Each state is first planned (EXPLAIN, no rows read);
 * the states the planner expects below the exact-count limit, and cheap to count, are counted
 * exactly in one grouped query, which the library's partial indexes on waiting and running jobs
 * serve; the others (completed jobs, mostly, and a small state only a scan of a large one can
 * count) keep the planner's estimate per queue, marked ≈. Every other read (oldest waiting,
 * stuck, expired, done and failed in the window) is planned the same way and made only when
 * cheap, which in practice means an index of the library's serves it; otherwise its figure is
 * unknown (null), never 0. At a million finished jobs, no index on the finish time costs a
 * scan of the table (about 500 ms) every refresh for one number.
 */
public final class JobTableReader {

    /** Per-queue estimates of large states are asked only for this many queues. */
    private static final int MAX_ESTIMATED_QUEUES = 50;
    private static final Field<String> Q = field(name("q"), String.class);
    private static final Field<String> S = field(name("s"), String.class);
    private static final Field<Integer> N = field(name("n"), Integer.class);

    private final JobTable jobs;

    public JobTableReader(JobTable jobs) {
        this.jobs = jobs;
    }

    public JobTable jobs() {
        return jobs;
    }

    /**
     * Depth of every queue in {@code knownQueues}, in the queues found holding small states, and
     * in the queue column's most common values.
     */
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings, QueueAdapter adapter,
            List<String> knownQueues, Set<String> paused) {
        OffsetDateTime readAt = db.select(DSL.currentOffsetDateTime()).fetchOne().value1();
        List<Explain> plans = new ArrayList<>();
        for (JobState state : jobs.states()) {
            plans.add(plan(db, state.condition()));
        }
        List<Integer> small = new ArrayList<>();
        List<Integer> large = new ArrayList<>();
        for (int i = 0; i < jobs.states().size(); i++) {
            (countable(plans.get(i), settings.exactBelow()) ? small : large).add(i);
        }
        // queue -> state index -> count
        Map<String, Map<Integer, Count>> counts = new LinkedHashMap<>();
        for (String q : knownQueues) {
            counts.computeIfAbsent(q, k -> new HashMap<>());
        }
        countExactly(db, small, counts);
        Set<String> queues = new LinkedHashSet<>(counts.keySet());
        if (!large.isEmpty()) {
            if (jobs.singleQueue()) {
                queues.add(queueName());
            } else {
                queues.addAll(commonValues(db, jobs.queue()));
            }
        }
        for (int i : large) {
            if (jobs.singleQueue()) {
                counts.computeIfAbsent(queueName(), k -> new HashMap<>())
                        .put(i, Count.estimate(Math.round(plans.get(i).rows())));
                continue;
            }
            queues.stream().limit(MAX_ESTIMATED_QUEUES).forEach(q -> {
                double perQueue = estimate(db, jobs.states().get(i).condition().and(jobs.queue().eq(q)));
                counts.computeIfAbsent(q, k -> new HashMap<>()).put(i, Count.estimate(Math.round(perQueue)));
            });
        }
        // null: unknown, no index of the library's serves the read (pg-boss has none on active jobs)
        Map<String, Duration> oldest = oldestWaiting(db, counts.keySet(), settings.exactBelow());
        Map<String, Long> stuck = countIfCheap(db, jobs.in(SharedState.RUNNING)
                .and(before(jobs.startedAt(), settings.stuckAfter())), settings.exactBelow());
        Map<String, Long> expired = countIfCheap(db, jobs.expired(), settings.exactBelow());
        List<QueueDepth> depths = new ArrayList<>();
        counts.keySet().stream().sorted().forEach(q -> depths.add(depth(adapter.ref(q), counts.get(q),
                oldest == null ? null : oldest.getOrDefault(q, Duration.ZERO),
                stuck == null ? null : stuck.getOrDefault(q, 0L), expired == null ? null : expired.getOrDefault(q, 0L),
                paused.contains(q), readAt)));
        return depths;
    }

    /**
     * Finished and failed jobs per queue in the last window, each counted only when the planner
     * finds it cheap (an index on the finish time serves it, {@link #countable}); unknown (null)
     * otherwise, and done is unknown without finishedAt.
     */
    public List<QueueThroughput> throughput(DSLContext db, Duration window, QueueAdapter adapter, List<String> queues) {
        return throughput(db, window, DepthSettings.DEFAULTS.exactBelow(), adapter, queues);
    }

    /** {@link #throughput(DSLContext, Duration, QueueAdapter, List)} under a cost limit other than the default's. */
    List<QueueThroughput> throughput(DSLContext db, Duration window, long exactBelow, QueueAdapter adapter,
            List<String> queues) {
        Map<String, Long> done = jobs.finishedAt() == null ? null
                : countIfCheap(db, jobs.in(SharedState.DONE).and(atOrAfter(jobs.finishedAt(), window)), exactBelow);
        Map<String, Long> failed = failedIn(db, window, exactBelow);
        Set<String> all = new java.util.TreeSet<>(queues);
        Stream.of(done, failed).filter(Objects::nonNull).forEach(m -> all.addAll(m.keySet()));
        if (done == null || failed == null) {
            // an unknown figure is said for the queues the statistics know, lest one missing read as 0
            all.addAll(jobs.singleQueue() ? List.of(queueName()) : commonValues(db, jobs.queue()));
        }
        return all.stream().map(q -> new QueueThroughput(adapter.ref(q), window,
                done == null ? null : done.getOrDefault(q, 0L),
                failed == null ? null : failed.getOrDefault(q, 0L))).toList();
    }

    /** Retryable and dead jobs that failed in the window per queue; null when one state is costly to count. */
    private Map<String, Long> failedIn(DSLContext db, Duration window, long exactBelow) {
        Map<String, Long> failed = new HashMap<>();
        for (JobState state : jobs.states()) {
            if (state.shared() == SharedState.RETRYABLE || state.shared() == SharedState.DEAD) {
                Map<String, Long> inState = countIfCheap(db,
                        state.condition().and(atOrAfter(jobs.failedAt(), window)), exactBelow);
                if (inState == null) {
                    return null;
                }
                inState.forEach((q, n) -> failed.merge(q, n, Long::sum));
            }
        }
        return failed;
    }

    /**
     * Rows matching a condition: counted exactly (at most {@code exactBelow} rows read) when the
     * planner expects fewer, else the planner's estimate.
     */
    public Count count(DSLContext db, Condition where, long exactBelow) {
        double estimated = estimate(db, where);
        if (estimated >= exactBelow) {
            return Count.estimate(Math.round(estimated));
        }
        long counted = db.select(DSL.count()).from(selectOne().from(jobs.table()).where(where).limit(exactBelow).asTable("c"))
                .fetchOne().value1();
        return counted >= exactBelow ? Count.estimate(Math.max(counted, Math.round(estimated))) : Count.exact(counted);
    }

    /** The planner's row estimate for a condition: reads statistics, never rows. */
    public double estimate(DSLContext db, Condition where) {
        return plan(db, where).rows();
    }

    /** The planner's rows and cost of reading the rows of a condition. */
    private Explain plan(DSLContext db, Condition where) {
        return db.explain(selectOne().from(jobs.table()).where(where));
    }

    /**
     * Whether a state is counted exactly: the planner expects fewer rows than {@code exactBelow}
     * and costs reading them below {@code exactBelow} of its units (a page read in sequence is
     * one; one fetched at random, four). The cost bound catches the count that returns few rows
     * but reads many: the seed's failed jobs split by retry_count against a max_retries column,
     * which its partial index on failed jobs cannot answer, so all 50,000 failed rows of a
     * ten-million-row table are fetched (cost ≈ 83,000) for either half; an index-only count of
     * 10,000 pending jobs costs ≈ 500.
     */
    private static boolean countable(Explain plan, long exactBelow) {
        return plan.rows() < exactBelow && plan.cost() < exactBelow;
    }

    /**
     * One grouped count per state, glued with UNION ALL into one round trip: each branch has one
     * state's condition, which its partial index serves, where an OR of them all would make the
     * planner scan the table.
     */
    private void countExactly(DSLContext db, List<Integer> small, Map<String, Map<Integer, Count>> counts) {
        if (small.isEmpty()) {
            return;
        }
        org.jooq.Select<org.jooq.Record3<String, Integer, Integer>> union = null;
        for (int i : small) {
            var branch = DSL.select(jobs.queue().as(Q), inline(i).as(N), DSL.count().as("c"))
                    .from(jobs.table())
                    .where(jobs.states().get(i).condition())
                    .groupBy(field(name("q")));
            union = union == null ? branch : union.unionAll(branch);
        }
        for (var r : db.fetch(union)) {
            counts.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), Count.exact(r.value3()));
        }
    }

    /** A column's most common values from pg_stats (the queue, the kind): where the big populations are. */
    List<String> commonValues(DSLContext db, Field<String> column) {
        if (!column.getQualifiedName().qualified() || jobs.table().getQualifiedName().parts().length != 2) {
            return List.of(); // an expression or a join: pg_stats has no column to ask about
        }
        var stats = table(name("pg_catalog", "pg_stats"));
        Field<String[]> values = field("{0}::text::text[]", String[].class, field(name("most_common_vals")));
        String[] found = db.select(values).from(stats)
                .where(field(name("schemaname"), String.class).eq(jobs.table().getQualifiedName().first()))
                .and(field(name("tablename"), String.class).eq(jobs.table().getQualifiedName().last()))
                .and(field(name("attname"), String.class).eq(column.getName()))
                .fetchOne(values);
        return found == null ? List.of() : List.of(found);
    }

    /** Age of the oldest ready job per queue; null when the planner costs the read at exactBelow or more. */
    private Map<String, Duration> oldestWaiting(DSLContext db, Set<String> queues, long exactBelow) {
        Condition ready = jobs.in(SharedState.WAITING).and(jobs.readySince().le(DSL.currentOffsetDateTime()));
        Field<Double> age = field("extract(epoch from (pg_catalog.now() - {0}))", Double.class, DSL.min(jobs.readySince()));
        Map<String, Duration> oldest = new HashMap<>();
        if (jobs.singleQueue()) {
            var read = db.select(age).from(jobs.table()).where(ready);
            if (db.explain(read).cost() >= exactBelow) {
                return null;
            }
            Double seconds = read.fetchOne().value1();
            oldest.put(queueName(), seconds == null ? Duration.ZERO : seconds(seconds));
            return oldest;
        }
        if (queues.isEmpty()) {
            return oldest;
        }
        // One index probe per queue rather than one aggregate over every waiting row.
        var names = DSL.values(queues.stream().map(DSL::row).toArray(org.jooq.Row1[]::new)).as("qs", "q");
        Field<String> qn = field(name("qs", "q"), String.class);
        Field<Double> perQueue = field(select(age).from(jobs.table()).where(ready.and(jobs.queue().eq(qn))));
        var read = db.select(qn, perQueue).from(names);
        if (db.explain(read).cost() >= exactBelow) {
            return null;
        }
        for (Record2<String, Double> r : read.fetch()) {
            if (r.value2() != null) {
                oldest.put(r.value1(), seconds(r.value2()));
            }
        }
        return oldest;
    }

    /** {@link #countByQueue}, when the planner finds the rows cheap to read; else null: unknown. */
    private Map<String, Long> countIfCheap(DSLContext db, Condition where, long exactBelow) {
        return countable(plan(db, where), exactBelow) ? countByQueue(db, where) : null;
    }

    private Map<String, Long> countByQueue(DSLContext db, Condition where) {
        Map<String, Long> byQueue = new HashMap<>();
        db.select(jobs.queue().as(Q), DSL.count().as("c")).from(jobs.table()).where(where).groupBy(field(name("q")))
                .fetch().forEach(r -> byQueue.put(r.value1(), r.value2().longValue()));
        return byQueue;
    }

    private QueueDepth depth(QueueRef ref, Map<Integer, Count> byIndex, Duration oldest, Long stuck, Long expired,
            boolean paused, OffsetDateTime readAt) {
        Map<SharedState, Count> byState = new EnumMap<>(SharedState.class);
        for (SharedState s : SharedState.values()) {
            byState.put(s, Count.ZERO);
        }
        Map<String, Count> byLibrary = new LinkedHashMap<>();
        for (String name : jobs.libraryStates()) {
            byLibrary.put(name, Count.ZERO);
        }
        for (int i = 0; i < jobs.states().size(); i++) {
            Count c = byIndex.getOrDefault(i, Count.ZERO);
            JobState state = jobs.states().get(i);
            byState.merge(state.shared(), c, Count::plus);
            byLibrary.merge(state.libraryState(), c, Count::plus);
        }
        return new QueueDepth(ref, byState, byLibrary, oldest, stuck, expired, paused, readAt);
    }

    private String queueName() {
        return String.valueOf(((org.jooq.Param<?>) jobs.queue()).getValue());
    }

    /** now() minus a duration, computed by the server so both sides of the comparison share a clock. */
    static Field<OffsetDateTime> secondsAgo(Duration d) {
        return field("pg_catalog.now() - ({0} * interval '1 millisecond')", OffsetDateTime.class, inline(d.toMillis()));
    }

    /**
     * A timestamp at or after now() minus a duration. A UTC wall-clock column (Oban, Rails) is
     * compared bare, the instant converted once, so the column's index can serve the comparison.
     */
    static Condition atOrAfter(Field<OffsetDateTime> at, Duration ago) {
        return at instanceof QueueSql.UtcTimestamp utc ? utc.atOrAfter(secondsAgo(ago)) : at.ge(secondsAgo(ago));
    }

    /** A timestamp before now() minus a duration, compared as {@link #atOrAfter} does. */
    static Condition before(Field<OffsetDateTime> at, Duration ago) {
        return at instanceof QueueSql.UtcTimestamp utc ? utc.before(secondsAgo(ago)) : at.lt(secondsAgo(ago));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(0, Math.round(s * 1000)));
    }

}
