package io.pgdeck.catalog;

import java.util.Locale;

/**
 * Sizes in sentences that readers and actions write (an unused index "costs 12 MB"), in the same
 * units as the screens' {@code Formats.bytes}, which the non-UI packages cannot reach.
 */
public final class ByteSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private ByteSize() {}

    public static String pretty(Long bytes) {
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
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }
}
