package io.pgdeck.queue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One queue at one moment.
 *
 * @param byState counts by shared state; every state is present, zero when empty
 * @param byLibraryState counts by the library's own state names (River's "available",
 *     pg-boss's "created"), in the library's order; for a library without a state column the
 *     adapter names the derived states ("locked", "failed permanently")
 * @param oldestWaiting age of the oldest job ready to run (its run time passed and not taken):
 *     the queue's latency; {@link Duration#ZERO} when none waits; null when no index serves
 *     the read (unknown)
 * @param stuck running jobs running longer than {@link DepthSettings#stuckAfter()}; null when
 *     no index serves the count (unknown)
 * @param expired jobs past the library's expiry that were not finished (seed: pending past
 *     {@code expires_at}; pg-boss: active past {@code expire_in}); 0 where the library has none;
 *     null when no index serves the count (unknown)
 * @param paused true when the library says the queue is paused (River's {@code paused_at})
 * @param readAt the server's clock when read
 */
public record QueueDepth(QueueRef queue, Map<SharedState, Count> byState, Map<String, Count> byLibraryState,
        Duration oldestWaiting, Long stuck, Long expired, boolean paused, OffsetDateTime readAt) {

    public QueueDepth {
        byState = Map.copyOf(byState);
        byLibraryState = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLibraryState));
    }

    public Count count(SharedState state) {
        return byState.getOrDefault(state, Count.ZERO);
    }

    /** Jobs not yet run to an end: waiting, scheduled and retryable. */
    public Count backlog() {
        return count(SharedState.WAITING).plus(count(SharedState.SCHEDULED)).plus(count(SharedState.RETRYABLE));
    }

    /** Failed for good, the figure a person acts on. */
    public Count dead() {
        return count(SharedState.DEAD);
    }
}
