package io.pgdeck.ui.statements;

import io.pgdeck.catalog.Formats;
import java.time.Duration;
import java.util.Locale;

/** Statement figures on screen: times from microseconds to minutes, rates, sort keys without NaN. */
final class StatementFormats {

    private StatementFormats() {}

    /** 0.042 ms, 12.5 ms, 350 ms, 4.2 s, 3 min 5 s. */
    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms < 1) {
            return String.format(Locale.ROOT, "%.3f ms", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return Formats.age(Duration.ofMillis(Math.round(ms)));
    }

    /** Milliseconds of execution per second: how much of a core the statement keeps busy. */
    static String millisPerSecond(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, ms >= 100 ? "%.0f ms/s" : "%.1f ms/s", ms);
    }

    static String number(double n) {
        if (Double.isNaN(n)) {
            return "–";
        }
        return n >= 100 ? Formats.count(Math.round(n)) : String.format(Locale.ROOT, "%.1f", n);
    }

    /** Sorts a missing figure below every real one, whichever the direction. */
    static Double key(double value) {
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }
}
