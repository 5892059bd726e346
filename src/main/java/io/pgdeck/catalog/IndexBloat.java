package io.pgdeck.catalog;

import io.pgdeck.connect.Privileges;
import java.util.Optional;

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

    /** What to show instead of a figure when the role may not see its table's column statistics. */
    public Optional<String> hiddenNote() {
        return statistics == StatisticsState.HIDDEN
                ? Optional.of(Privileges.bloatHidden(index.schema() + "." + table)) : Optional.empty();
    }
}
