package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.StatisticsState;
import io.pgdeck.catalog.TableBloat;
import io.pgdeck.catalog.TableVacuum;
import java.time.OffsetDateTime;

/**
 * One table in the snapshot's bloat section: the estimate, its vacuum counters, and pgstattuple's
 * figure where it was measured (null otherwise).
 */
public record BloatedTable(RelationName table, Long sizeBytes, long estimatedWastedBytes, double estimatedWastedRatio,
                           StatisticsState statistics, Long deadTuples, OffsetDateTime lastVacuumed,
                           OffsetDateTime lastAnalyzed, Boolean autovacuumEnabled, ExactBloat exact) {

    static BloatedTable of(TableBloat estimate, TableVacuum vacuum, ExactBloat exact) {
        return new BloatedTable(estimate.table(), estimate.sizeBytes(), estimate.wastedBytes(), estimate.wastedRatio(),
                estimate.statistics(), vacuum == null ? null : vacuum.deadTuples(),
                vacuum == null ? null : vacuum.lastVacuumed(), vacuum == null ? null : vacuum.lastAnalyzed(),
                vacuum == null ? null : vacuum.settings().enabled(), exact);
    }
}
