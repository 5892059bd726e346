package io.pgdeck.catalog;

/**
 * A btree index's estimated bloat from the statistics of its columns (see {@link BloatEstimate}).
 *
 * @param sizeBytes null when skipped because the index or its table is locked ACCESS EXCLUSIVE
 */
public record IndexBloat(RelationName index, String table, Long sizeBytes, long pages, double rows,
                         int fillfactor, long neededPages, long wastedBytes, StatisticsState statistics) {

    public double wastedRatio() {
        return pages == 0 ? 0 : Math.max(0, pages - neededPages) / (double) pages;
    }
}
