package io.pgdeck.cli.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Conversions shared by the snapshot sections: JSON has no NaN, and ages read best as seconds. */
final class Figures {

    private Figures() {}

    /** The value, or null (JSON null) where it is NaN or infinite, e.g. a ratio of nothing. */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Seconds with millisecond precision. */
    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
