package io.pgdeck.catalog;

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
        // not String.format: the classifier writes this for tens of thousands of indexes a refresh
        if (value >= 100) {
            return Math.round(value) + " " + UNITS[unit];
        }
        long tenths = Math.round(value * 10);
        return tenths / 10 + "." + tenths % 10 + " " + UNITS[unit];
    }
}
