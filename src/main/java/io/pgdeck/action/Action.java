package io.pgdeck.action;

/** A maintenance action: it describes itself, the runner does the rest through one door. */
public interface Action {

    ActionPlan plan();

    /** Where its progress is reported while it runs; most actions have none. */
    default ProgressSource progress() {
        return ProgressSource.NONE;
    }
}
