package io.pgdeck.cli;

import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.TableVacuum;
import io.pgdeck.catalog.VacuumStatus;
import io.pgdeck.connect.Capabilities;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Estimated bloat of the most bloated tables and btree indexes, measured by pgstattuple for the
 * first few tables where the extension is installed, and every database's transaction ID age.
 *
 * @param exactHint how to get measured figures, or null when pgstattuple is installed
 */
public record BloatSection(long estimatedWastedBytes, List<BloatedTable> tables, List<IndexBloat> indexes,
                           List<DatabaseXidAge> transactionIdAges, String exactHint) {

    static final int TOP = 20;
    /** pgstattuple reads the whole table: only the few most bloated are measured. */
    static final int MEASURED = 5;

    static BloatSection of(BloatReader reader, BloatReport report, VacuumStatus status, Capabilities capabilities) {
        Map<RelationName, TableVacuum> vacuum = status.tables().stream()
                .collect(Collectors.toMap(TableVacuum::table, Function.identity(), (a, b) -> a));
        boolean measurable = capabilities.hasExtension(Capabilities.PGSTATTUPLE);
        List<BloatedTable> tables = report.topTables(TOP).stream()
                .map(t -> {
                    boolean measure = measurable && t.wastedBytes() > 0 && t.sizeBytes() != null
                            && report.topTables(MEASURED).contains(t);
                    ExactBloat exact = measure ? reader.exact(t.table()).orElse(null) : null;
                    return BloatedTable.of(t, vacuum.get(t.table()), exact);
                })
                .toList();
        return new BloatSection(report.wastedBytes(), tables, report.topIndexes(TOP), status.databases(),
                capabilities.hint(Capabilities.Feature.PGSTATTUPLE).orElse(null));
    }
}
