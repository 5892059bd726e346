package io.pgdeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How a size, a count, a rate, a share and a duration read for a person: short, with units,
 * 7.4 MB, 4 min 12 s, 12/s, 99.20 %. One place for the screens, the command line's text and the
 * sentences readers and actions write ("costs 12 MB"), so it lives below all of them.
 */
public final class Formats {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Formats() {}

    /** 512 B, 7.4 MB, 123 GB: three significant digits at most. */
    public static String bytes(Long bytes) {
        if (bytes == null) {
            return "unknown size";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // not String.format: the index classifier writes this for tens of thousands of indexes a refresh
        if (value >= 100) {
            return Math.round(value) + " " + UNITS[unit];
        }
        long tenths = Math.round(value * 10);
        return tenths / 10 + "." + tenths % 10 + " " + UNITS[unit];
    }

    /** 250 ms, 3.2 s, 4 min 12 s, 2 h 5 min, 3 d 4 h: two units at most. */
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

    /** As {@link #age}, for figures kept as seconds (the command line's JSON records). */
    public static String seconds(double seconds) {
        return age(Duration.ofMillis(Math.round(seconds * 1000)));
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

    /** A query on one line, cut to a length a table cell or a terminal line can show. */
    public static String oneLine(String sql, int max) {
        if (sql == null) {
            return "";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
