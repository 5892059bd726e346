package io.pgdeck.catalog;

/**
 * What the PgBouncer feed gives: a read of the admin console, or the one sentence that says why
 * there is none (no bouncer configured or found, or the console refused pgdeck's user).
 */
public record PgBouncerReading(String console, PgBouncerRead read, String unavailable) {

    public static PgBouncerReading of(String console, PgBouncerRead read) {
        return new PgBouncerReading(console, read, null);
    }

    public static PgBouncerReading unavailable(String console, String why) {
        return new PgBouncerReading(console, null, why);
    }

    public boolean available() {
        return read != null;
    }

    /** Neither configured nor found: nothing to report on, as opposed to a console that refused. */
    public boolean nothingConfigured() {
        return PgBouncerSource.HOW_TO_CONFIGURE.equals(unavailable);
    }
}
