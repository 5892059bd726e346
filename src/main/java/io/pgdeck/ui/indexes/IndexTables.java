package io.pgdeck.ui.indexes;

import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.MissingIndexHint;
import io.pgdeck.ui.Tables;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

/** The two tables of the index screen, and the selection kept across refreshes. */
final class IndexTables {

    private IndexTables() {}

    static TableView<IndexReport> indexes(ObservableList<IndexReport> items) {
        TableView<IndexReport> table = Tables.table("No index matches the filter");
        table.setId("indexes");
        table.getColumns().add(Tables.text("index", r -> r.index().name(), 230));
        table.getColumns().add(Tables.text("table", r -> r.index().schema() + "." + r.index().table(), 200));
        table.getColumns().add(Tables.text("flags", IndexTables::flags, 150));
        table.getColumns().add(Tables.sorted("size", r -> r.index().sizeBytes() == null ? "locked" : Formats.bytes(r.index().sizeBytes()),
                r -> r.index().sizeBytes(), 80));
        table.getColumns().add(Tables.sorted("scans", r -> Formats.count(r.counters().scans()), r -> r.counters().scans(), 90));
        table.getColumns().add(Tables.sorted("tuples read", r -> Formats.count(r.counters().tuplesRead()),
                r -> r.counters().tuplesRead(), 100));
        table.getColumns().add(Tables.sorted("tuples fetched", r -> Formats.count(r.counters().tuplesFetched()),
                r -> r.counters().tuplesFetched(), 110));
        table.getColumns().add(Tables.text("last scan", r -> r.counters().lastScan() == null ? ""
                : r.counters().lastScan().toLocalDateTime().withNano(0).toString().replace('T', ' '), 150));
        table.getColumns().add(Tables.text("definition", r -> r.index().definition() == null
                ? "(not read: the table was locked)" : Formats.oneLine(r.index().definition(), 300), 520));
        table.setItems(items);
        keepSelection(table);
        return table;
    }

    static TableView<MissingIndexHint> missingIndexes(ObservableList<MissingIndexHint> items) {
        TableView<MissingIndexHint> table = Tables.table("No table is read mostly by large sequential scans");
        table.setId("missing-indexes");
        table.getColumns().add(Tables.text("table", h -> h.scans().schema() + "." + h.scans().table(), 220));
        table.getColumns().add(Tables.sorted("seq scans", h -> Formats.count(h.scans().seqScans()), h -> h.scans().seqScans(), 90));
        table.getColumns().add(Tables.sorted("rows read by seq scans", h -> Formats.count(h.scans().seqRowsRead()),
                h -> h.scans().seqRowsRead(), 160));
        table.getColumns().add(Tables.sorted("rows per seq scan", h -> String.format(Locale.ROOT, "%,.0f", h.scans().rowsPerSeqScan()),
                h -> h.scans().rowsPerSeqScan(), 130));
        table.getColumns().add(Tables.sorted("index scans", h -> Formats.count(h.scans().indexScans()), h -> h.scans().indexScans(), 100));
        table.getColumns().add(Tables.sorted("live rows", h -> Formats.count(h.scans().liveRows()), h -> h.scans().liveRows(), 100));
        table.getColumns().add(Tables.text("why", MissingIndexHint::reason, 600));
        table.setItems(items);
        return table;
    }

    static String flags(IndexReport r) {
        return r.flags().stream().sorted().map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
                + (r.index().backsConstraint() && r.has(IndexFlag.DUPLICATE) ? " (constraint)" : "");
    }

    /** Rows are replaced on every refresh: select the same index again so a click is not lost. */
    private static void keepSelection(TableView<IndexReport> table) {
        // by name, not oid: REINDEX CONCURRENTLY gives the index a new oid under the same name
        Object[] selected = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selected[0] = List.of(b.index().schema(), b.index().name());
            }
        });
        table.getItems().addListener((ListChangeListener<IndexReport>) c -> {
            for (int i = 0; i < table.getItems().size() && selected[0] != null; i++) {
                IndexReport r = table.getItems().get(i);
                if (List.of(r.index().schema(), r.index().name()).equals(selected[0])) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });
    }
}
