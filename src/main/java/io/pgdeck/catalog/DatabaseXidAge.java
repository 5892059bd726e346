package io.pgdeck.catalog;

/**
 * How old a database's oldest unfrozen transaction ID is. At autovacuum_freeze_max_age
 * autovacuum forces anti-wraparound vacuums; near 2^31 the server stops taking writes.
 */
public record DatabaseXidAge(String database, long age, long freezeMaxAge) {

    public static final long WRAPAROUND_LIMIT = 1L << 31;

    public double freezeMaxAgeRatio() {
        return (double) age / freezeMaxAge;
    }

    public double wraparoundRatio() {
        return (double) age / WRAPAROUND_LIMIT;
    }
}
