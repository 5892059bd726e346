package io.pgdeck.action;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A relation's total size (pg_total_relation_size) before and after a maintenance action, as
 * the action's first and last statements returned them.
 */
public record SizeChange(long before, long after) {

    public static Optional<SizeChange> of(List<String> returned) {
        if (returned.size() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SizeChange(Long.parseLong(returned.get(0)),
                    Long.parseLong(returned.get(returned.size() - 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String sentence() {
        return "size " + pretty(before) + " before, " + pretty(after) + " after";
    }

    static String pretty(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
