package io.pgdeck.catalog;

import io.pgdeck.connect.Privileges;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A table's estimated bloat from the planner statistics (see {@link BloatEstimate}).
 *
 * @param sizeBytes      the main fork now (pg_relation_size); null when skipped because the
 *                       table is locked ACCESS EXCLUSIVE
 * @param pages          pages now (size / block size); pg_class.relpages when the size was skipped
 * @param rows           live rows now (n_live_tup); pg_class.reltuples after a statistics reset,
 *                       negative when never counted
 * @param neededPages    pages the live rows need at the fillfactor
 * @param wastedBytes    estimated bloat: (pages − needed pages) × block size
 * @param lastAnalyzed   the later of last_analyze and last_autoanalyze, null when never
 */
public record TableBloat(RelationName table, Long sizeBytes, long pages, double rows, int fillfactor,
                         long neededPages, long wastedBytes, StatisticsState statistics,
                         OffsetDateTime lastAnalyzed, long modifiedSinceAnalyze) {

    /** Share of the table's pages that is bloat, in [0, 1]. */
    public double wastedRatio() {
        return pages == 0 ? 0 : Math.max(0, pages - neededPages) / (double) pages;
    }

    /** What to show instead of a figure when the role may not see the statistics the estimate needs. */
    public Optional<String> hiddenNote() {
        return statistics == StatisticsState.HIDDEN ? Optional.of(Privileges.bloatHidden(table.toString())) : Optional.empty();
    }
}
