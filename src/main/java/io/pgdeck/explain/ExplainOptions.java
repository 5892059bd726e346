package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The EXPLAIN options a user may choose; FORMAT JSON is always added. GENERIC_PLAN (PostgreSQL
 * 16+) plans a statement with {@code $1} parameters without values, and cannot run it.
 */
public record ExplainOptions(boolean analyze, boolean buffers, boolean verbose, boolean settings, boolean wal,
                             boolean genericPlan) {

    public static final int GENERIC_PLAN_SINCE = 16;

    public static ExplainOptions plain() {
        return new ExplainOptions(false, false, false, false, false, false);
    }

    public static ExplainOptions analyzeWithBuffers() {
        return new ExplainOptions(true, true, false, false, false, false);
    }

    /** The option list inside EXPLAIN ( ... ), as PostgreSQL reads it. */
    public String sql() {
        List<String> parts = new ArrayList<>(List.of("FORMAT JSON"));
        if (analyze) {
            parts.add("ANALYZE");
        }
        if (buffers) {
            parts.add("BUFFERS");
        }
        if (verbose) {
            parts.add("VERBOSE");
        }
        if (settings) {
            parts.add("SETTINGS");
        }
        if (wal && analyze) {
            parts.add("WAL"); // PostgreSQL refuses WAL without ANALYZE
        }
        if (genericPlan) {
            parts.add("GENERIC_PLAN");
        }
        return String.join(", ", parts);
    }
}
