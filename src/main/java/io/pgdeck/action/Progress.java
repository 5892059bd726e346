package io.pgdeck.action;

/** A phase and, where PostgreSQL counts it, how much of it is done. */
public record Progress(String phase, long done, long total) {

    /** Fraction done in [0, 1], or -1 when PostgreSQL gives no total for this phase. */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
