package io.pgdeck.action;

import io.pgdeck.catalog.ByteSize;
import java.util.List;

/**
 * Size before and after an index action, from the two size queries its plan runs around the
 * statement itself (so the user sees them in the SQL too).
 */
record SizeChange(Long before, Long after) {

    static SizeChange of(List<String> returned) {
        return new SizeChange(returned.isEmpty() ? null : parse(returned.get(0)),
                returned.size() < 2 ? null : parse(returned.get(1)));
    }

    private static Long parse(String s) {
        return s == null ? null : Long.valueOf(s);
    }

    String describe() {
        return ByteSize.pretty(before) + " before, " + ByteSize.pretty(after) + " after";
    }
}
