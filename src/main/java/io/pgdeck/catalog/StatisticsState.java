package io.pgdeck.catalog;

/**
 * Whether the planner statistics an estimate rests on can be trusted. An estimate from missing
 * or stale statistics is shown, but marked, and never taken for a measurement.
 */
public enum StatisticsState {
    FRESH("statistics are recent"),
    STALE("statistics are stale: many rows changed since the last ANALYZE, or it is old"),
    MISSING("some columns have no statistics (pg_stats): run ANALYZE"),
    NEVER_ANALYZED("never analyzed: run ANALYZE for an estimate"),
    /** pg_stats hides the column statistics of a table the role may not SELECT (pg_monitor does not lift that). */
    HIDDEN("hidden by privileges: column statistics (pg_stats) need SELECT on the table");

    private final String sentence;

    StatisticsState(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }

    public boolean trusted() {
        return this == FRESH;
    }
}
