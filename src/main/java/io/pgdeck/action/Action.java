package io.pgdeck.action;

/** A maintenance action: it describes itself, the runner does the rest through one door. */
public interface Action {

    ActionPlan plan();

    /** What the rows the statements returned mean, in one sentence for the user. */
    default String outcome(java.util.List<String> returned) {
        return returned.isEmpty() ? "Done." : "Done: " + String.join(", ", returned.subList(0, Math.min(5, returned.size())));
    }

    /** Whether it writes, so a standby (read-only by nature) refuses it; cancel and terminate do not. */
    default boolean writes() {
        return true;
    }

    /** Where its progress is reported while it runs; most actions have none. */
    default ProgressSource progress() {
        return ProgressSource.NONE;
    }
}
