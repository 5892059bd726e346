package io.pgdeck.queue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of job in one queue (River's kind, Oban's worker, the seed's job_type): how many wait,
 * are scheduled, run, will be retried and are dead, and how many failed in the window. Finished
 * jobs are not counted by kind: on a big table that would read every row.
 *
 * @param byState counts of {@link #STATES}, exact below the limit, the planner's estimate above (≈)
 * @param failed attempts failed in the throughput window (retryable or dead since then); null
 *     where the table records no failure time
 */
public record KindDepth(String kind, Map<SharedState, Count> byState, Long failed) {

    /** The states counted by kind: those not run to an end, and the dead a person acts on. */
    public static final List<SharedState> STATES = List.of(SharedState.WAITING, SharedState.SCHEDULED,
            SharedState.RUNNING, SharedState.RETRYABLE, SharedState.DEAD);

    public KindDepth {
        Map<SharedState, Count> all = new EnumMap<>(SharedState.class);
        for (SharedState s : STATES) {
            all.put(s, byState.getOrDefault(s, Count.ZERO));
        }
        byState = Map.copyOf(all);
    }

    public Count count(SharedState state) {
        return byState.getOrDefault(state, Count.ZERO);
    }

    /** Every job counted for this kind, to order kinds by. */
    public Count total() {
        return STATES.stream().map(this::count).reduce(Count.ZERO, Count::plus);
    }
}
