package io.pgdeck.action;

import java.time.Duration;
import java.util.List;

/** How an action ended: what it returned, or PostgreSQL's reason for refusing it. */
public record ActionResult(Outcome outcome, String message, List<String> returned, Duration took) {

    public enum Outcome { SUCCEEDED, FAILED, CANCELLED }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
