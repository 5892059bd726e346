package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The breakdown of one queue by kind, read as {@link JobTableReader} reads depths: each of
 * {@link KindDepth#STATES} is estimated by the planner first; the states below the exact limit
 * are grouped by kind in one round trip (the partial indexes on waiting, running and failed jobs
 * serve it), the large ones are estimated per kind for the kinds found and the kind column's most
 * common values. Done and cancelled jobs, the bulk of a big table, are never read.
 */
public final class JobKindReader {

    /** Kinds shown per queue, the largest first: a table with thousands of kinds shows its top. */
    static final int MAX_KINDS = 20;
    private static final Field<String> K = field(name("k"), String.class);
    private static final Field<Integer> N = field(name("n"), Integer.class);

    private final JobTableReader reader;
    private final Field<String> kind;

    public JobKindReader(JobTableReader reader, Field<String> kind) {
        this.reader = reader;
        this.kind = kind;
    }

    public List<KindDepth> kinds(DSLContext db, String queue, DepthSettings settings, Duration window) {
        JobTable jobs = reader.jobs();
        Condition inQueue = jobs.singleQueue() ? DSL.noCondition() : jobs.queue().eq(queue);
        List<JobState> states = jobs.states().stream().filter(s -> KindDepth.STATES.contains(s.shared())).toList();
        Map<String, Map<SharedState, Count>> byKind = new LinkedHashMap<>();
        Select<Record3<String, Integer, Integer>> exact = null;
        List<JobState> large = new java.util.ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            Condition where = states.get(i).condition().and(inQueue);
            if (reader.estimate(db, where) >= settings.exactBelow()) {
                large.add(states.get(i));
                continue;
            }
            var branch = DSL.select(kind.as(K), inline(i).as(N), DSL.count().as("c")).from(jobs.table()).where(where)
                    .groupBy(field(name("k")));
            exact = exact == null ? branch : exact.unionAll(branch);
        }
        if (exact != null) {
            for (var r : db.fetch(exact)) {
                byKind.computeIfAbsent(r.value1(), k -> new EnumMap<>(SharedState.class))
                        .merge(states.get(r.value2()).shared(), Count.exact(r.value3()), Count::plus);
            }
        }
        if (!large.isEmpty()) {
            Set<String> kinds = new LinkedHashSet<>(byKind.keySet());
            kinds.addAll(reader.commonValues(db, kind));
            kinds.stream().limit(MAX_KINDS).forEach(k -> large.forEach(s -> {
                long n = Math.round(reader.estimate(db, s.condition().and(inQueue).and(kind.eq(k))));
                if (n > 0) {
                    byKind.computeIfAbsent(k, x -> new EnumMap<>(SharedState.class))
                            .merge(s.shared(), Count.estimate(n), Count::plus);
                }
            }));
        }
        Map<String, Long> failed = failed(db, inQueue, window);
        return byKind.entrySet().stream()
                .map(e -> new KindDepth(e.getKey(), e.getValue(),
                        jobs.failedAt() == null ? null : failed.getOrDefault(e.getKey(), 0L)))
                .sorted(Comparator.comparingLong((KindDepth d) -> d.total().value()).reversed()
                        .thenComparing(KindDepth::kind))
                .limit(MAX_KINDS).toList();
    }

    /** Attempts failed in the window by kind, as the queue's throughput counts them. */
    private Map<String, Long> failed(DSLContext db, Condition inQueue, Duration window) {
        JobTable jobs = reader.jobs();
        Map<String, Long> failed = new HashMap<>();
        if (jobs.failedAt() == null) {
            return failed;
        }
        // one query per failing state, as the throughput reads them: an OR of them would scan the table
        for (JobState state : jobs.states()) {
            if (state.shared() == SharedState.RETRYABLE || state.shared() == SharedState.DEAD) {
                db.select(kind.as(K), DSL.count()).from(jobs.table())
                        .where(state.condition().and(jobs.failedAt().ge(JobTableReader.secondsAgo(window))).and(inQueue))
                        .groupBy(field(name("k"))).fetch()
                        .forEach(r -> failed.merge(r.value1(), r.value2().longValue(), Long::sum));
            }
        }
        return failed;
    }
}
