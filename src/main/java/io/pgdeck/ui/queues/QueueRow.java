package io.pgdeck.ui.queues;

import io.pgdeck.catalog.Formats;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import java.time.Duration;
import java.util.Locale;

/** One line of the queues table, formatted once when the sample arrives. */
public record QueueRow(QueueStatus status) {

    public String key() {
        return status.adapterKey() + "/" + status.queue().name();
    }

    public String installation() {
        return status.queue().library() + " (" + status.queue().schema() + ")";
    }

    public String queue() {
        return status.queue().name() + (status.depth().paused() ? " (paused)" : "");
    }

    public Count count(SharedState state) {
        return status.depth().count(state);
    }

    public Duration oldestWaiting() {
        return status.depth().oldestWaiting();
    }

    public String latency() {
        return oldestWaiting() == null ? "unknown" : oldestWaiting().isZero() ? "–" : Formats.age(oldestWaiting());
    }

    public String donePerMinute() {
        double d = status.throughput().donePerMinute();
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.1f", d);
    }

    public String failureRate() {
        double r = status.throughput().failureRate();
        Long failed = status.throughput().failed();
        if (!Double.isNaN(r)) {
            return Formats.percent(r);
        }
        return failed == null ? "unknown" : failed > 0 ? failed + " failed" : "–";
    }

    /** Null when unknown: the library has no index to count it with. */
    public Long stuck() {
        return status.depth().stuck();
    }

    /** Null when unknown, as {@link #stuck()}. */
    public Long expired() {
        return status.depth().expired();
    }

    /** A count that may be unknown, never shown as 0. */
    static String figure(Long n) {
        return n == null ? "unknown" : Long.toString(n);
    }
}
