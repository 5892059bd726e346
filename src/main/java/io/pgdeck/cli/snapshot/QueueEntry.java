package io.pgdeck.cli.snapshot;

import io.pgdeck.queue.Count;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One queue in {@code pgdeck snapshot}.
 *
 * @param depth counts by shared state (waiting, scheduled, running, retryable, dead, done, cancelled)
 * @param estimated the states whose count is the planner's estimate, not an exact count
 * @param donePerMinute null where the library deletes finished jobs or no index serves the count
 * @param failedPerMinute null where no index serves the count
 * @param oldestWaitingSeconds null where no index serves the read; so stuck and expired
 * @param failureRate failed among ended attempts in the window, 0..1; null when unknown or none ended
 */
public record QueueEntry(String library, String schema, String queue, Map<String, Long> depth,
        Map<String, Long> libraryStates, java.util.List<String> estimated, Double oldestWaitingSeconds,
        Double donePerMinute, Double failedPerMinute, Double failureRate, Long stuck, Long expired, long failed,
        boolean paused) {

    static QueueEntry of(QueueStatus s) {
        Map<String, Long> depth = new LinkedHashMap<>();
        java.util.List<String> estimated = new java.util.ArrayList<>();
        for (SharedState state : SharedState.values()) {
            Count c = s.depth().count(state);
            String key = state.name().toLowerCase(Locale.ROOT);
            depth.put(key, c.value());
            if (c.estimated()) {
                estimated.add(key);
            }
        }
        Map<String, Long> library = new LinkedHashMap<>();
        s.depth().byLibraryState().forEach((k, v) -> library.put(k, v.value()));
        double done = s.throughput().donePerMinute();
        double failed = s.throughput().failedPerMinute();
        double rate = s.throughput().failureRate();
        return new QueueEntry(s.queue().library(), s.queue().schema(), s.queue().name(), depth, library, estimated,
                s.depth().oldestWaiting() == null ? null : Figures.seconds(s.depth().oldestWaiting()), Double.isNaN(done) ? null : done,
                Double.isNaN(failed) ? null : failed, Double.isNaN(rate) ? null : rate, s.depth().stuck(),
                s.depth().expired(), s.depth().dead().value(), s.depth().paused());
    }

    /** Ready to run now: the backlog a worker shortage grows. */
    public long waiting() {
        return depth.getOrDefault("waiting", 0L);
    }
}
