package io.pgdeck.action;

/** A maintenance action: it describes itself, the runner does the rest through one door. */
public interface Action {

    ActionPlan plan();

    /** What the rows the statements returned mean, in one sentence for the user. */
    default String outcome(java.util.List<String> returned) {
        // a function returning void (pg_partman's run_maintenance) returns one empty value: nothing to say
        java.util.List<String> said = returned.stream().filter(r -> r != null && !r.isBlank()).limit(5).toList();
        return said.isEmpty() ? "Done." : "Done: " + String.join(", ", said) + ".";
    }

    /** Whether it writes, so a standby (read-only by nature) refuses it; cancel and terminate do not. */
    default boolean writes() {
        return true;
    }

    /**
     * What it changes, so that after it only the feeds reading those topics read again, not the
     * catalog-wide reads kept rare because they are expensive. Every action of pgdeck says; the
     * default, every topic, is for one written in a test: a stale panel is worse than one extra read.
     */
    default java.util.Set<io.pgdeck.catalog.Topic> touches() {
        return java.util.EnumSet.allOf(io.pgdeck.catalog.Topic.class);
    }

    /**
     * Runs the plan's statements somewhere other than the target's PostgreSQL, one step each;
     * empty, as for every maintenance action, when they are SQL the runner sends over JDBC.
     */
    default java.util.Optional<Steps> steps() {
        return java.util.Optional.empty();
    }

    /** Where its progress is reported while it runs; most actions have none. */
    default ProgressSource progress() {
        return ProgressSource.NONE;
    }
}
