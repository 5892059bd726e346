package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How an action ended: what it returned, or PostgreSQL's reason for refusing it; with the plan
 * that ran, so the caller refreshes only the topics it touched.
 */
public record ActionResult(PlannedAction planned, Outcome outcome, String message, List<String> returned,
                           Duration took) {

    public enum Outcome { SUCCEEDED, FAILED, CANCELLED }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** What to read again: a failed or cancelled action may have done part of its work. */
    public Set<Topic> touched() {
        return planned.touches();
    }
}
