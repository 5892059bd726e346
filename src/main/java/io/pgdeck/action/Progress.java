package io.pgdeck.action;

import io.pgdeck.catalog.Formats;

/**
 * A phase and, where PostgreSQL counts it, how much of it is done.
 *
 * @param note what is done so far in the action's own words ("2,000 jobs deleted."), or null
 */
public record Progress(String phase, long done, long total, String note) {

    public Progress(String phase, long done, long total) {
        this(phase, done, total, null);
    }

    /** Fraction done in [0, 1], or -1 when PostgreSQL gives no total for this phase. */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }

    /** "batch: 2 of 7 · 2,000 jobs deleted.", as the window and the terminal say it. */
    public String text() {
        return phase + (total > 0 ? ": " + Formats.count(done) + " of " + Formats.count(total) : "")
                + (note == null ? "" : " · " + note);
    }
}
