package io.pgdeck.action;

import io.pgdeck.catalog.Formats;
import java.util.List;
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
        return "size " + Formats.bytes(before) + " before, " + Formats.bytes(after) + " after";
    }

}
