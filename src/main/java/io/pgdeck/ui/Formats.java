package io.pgdeck.ui;

import io.pgdeck.catalog.ByteSize;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, sizes and ages read on screen: short, with units, the same on every panel. */
public final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Formats() {}

    public static String bytes(long bytes) {
        return ByteSize.pretty(bytes);
    }

    /** 3.2 s, 4 min 12 s, 2 h 5 min, 3 d 4 h: two units at most. */
    public static String age(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86400) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s / 86400 + " d " + (s % 86400) / 3600 + " h";
    }

    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "–";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    public static String percent(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    public static String clock(Instant at) {
        return at == null ? "never" : CLOCK.format(at);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A query on one line, cut to a length a table cell can show. */
    public static String oneLine(String sql, int max) {
        if (sql == null) {
            return "";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
