package io.pgdeck.catalog;

/**
 * A btree index's estimated bloat from the statistics of its columns (see {@link BloatEstimate}).
 *
 * @param sizeBytes pg_class.relpages × block size, as of the last VACUUM, ANALYZE or CREATE INDEX
 */
public record IndexBloat(RelationName index, String table, Long sizeBytes, long pages, double rows,
                         int fillfactor, long neededPages, long wastedBytes, StatisticsState statistics) {

    public double wastedRatio() {
        return pages == 0 ? 0 : Math.max(0, pages - neededPages) / (double) pages;
    }
}
