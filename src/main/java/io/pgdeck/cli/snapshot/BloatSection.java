package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.TableBloat;
import io.pgdeck.catalog.TableVacuum;
import io.pgdeck.catalog.VacuumStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Estimated bloat of the most bloated tables and btree indexes, measured by pgstattuple for the
 * first few tables where the extension is installed, and every database's transaction ID age.
 *
 * @param exactHint how to get measured figures, or null when pgstattuple is installed
 * @param hiddenByPrivileges one sentence per table or index whose estimate the role may not see
 *     (never a 0 B estimate in {@code tables}), naming the grant
 */
public record BloatSection(long estimatedWastedBytes, List<BloatedTable> tables, List<IndexBloat> indexes,
                           List<DatabaseXidAge> transactionIdAges, String exactHint, List<String> hiddenByPrivileges) {

    static final int TOP = 20;
    /** pgstattuple reads the whole table: only the few most bloated are measured. */
    static final int MEASURED = 5;

    static BloatSection of(BloatReader reader, BloatReport report, VacuumStatus status) {
        Map<RelationName, TableVacuum> vacuum = status.tables().stream()
                .collect(Collectors.toMap(TableVacuum::table, Function.identity(), (a, b) -> a));
        java.util.Optional<String> cannotMeasure = reader.cannotMeasure();
        boolean measurable = cannotMeasure.isEmpty();
        List<BloatedTable> tables = report.topTables(TOP).stream()
                .filter(t -> t.hiddenNote().isEmpty())
                .map(t -> {
                    boolean measure = measurable && t.wastedBytes() > 0 && t.sizeBytes() != null
                            && report.topTables(MEASURED).contains(t);
                    ExactBloat exact = measure ? reader.exact(t.table()).orElse(null) : null;
                    return BloatedTable.of(t, vacuum.get(t.table()), exact);
                })
                .toList();
        List<String> hidden = java.util.stream.Stream.concat(
                report.tables().stream().flatMap(t -> t.hiddenNote().map(n -> t.table() + ": " + n).stream()),
                report.indexes().stream().flatMap(i -> i.hiddenNote().map(n -> i.index() + " (index): " + n).stream()))
                .toList();
        return new BloatSection(report.wastedBytes(), tables,
                report.topIndexes(TOP).stream().filter(i -> i.hiddenNote().isEmpty()).toList(), status.databases(),
                cannotMeasure.orElse(null), hidden);
    }
}
