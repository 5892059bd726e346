package io.pgdeck.explain;

import java.math.BigDecimal;
import java.time.Duration;

/** A timeout as people give it: "500 ms", "1.5 s", "30 s", "2 min", "1 h", "1 h 30 min"; never "0 s". */
public final class TimeoutText {

    private TimeoutText() {}

    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 != 0 || ms < 60_000) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
        }
        long s = ms / 1000;
        if (s % 60 != 0) {
            return s / 60 + " min " + s % 60 + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }
}
