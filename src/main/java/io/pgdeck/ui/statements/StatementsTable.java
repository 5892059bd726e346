package io.pgdeck.ui.statements;

import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.StatementKey;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.ui.Tables;
import java.util.function.ToDoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The statements table: every figure sortable by its number, heaviest total time first, selection kept across reads. */
final class StatementsTable {

    private StatementsTable() {}

    static TableView<StatementRates> create(StatementsViewModel model) {
        TableView<StatementRates> table = Tables.table("No statements ran in this window");
        table.setId("statements");
        TableColumn<StatementRates, StatementRates> total = figure("total time",
                r -> StatementFormats.millis(r.totalMillis()), StatementRates::totalMillis, 95);
        total.setId("sort-total-time");
        TableColumn<StatementRates, StatementRates> mean = figure("mean",
                r -> StatementFormats.millis(r.meanMillis()), StatementRates::meanMillis, 80);
        mean.setId("sort-mean");
        TableColumn<StatementRates, StatementRates> calls = figure("calls/s",
                r -> Formats.rate(r.callsPerSecond()), StatementRates::calls, 75);
        calls.setId("sort-calls");
        TableColumn<StatementRates, StatementRates> io = figure("I/O blocks",
                r -> StatementFormats.number(r.ioBlocks()), StatementRates::ioBlocks, 105);
        io.setId("sort-io");
        TableColumn<StatementRates, StatementRates> plan = figure("plan mean",
                r -> StatementFormats.millis(r.meanPlanMillis()), StatementRates::meanPlanMillis, 85);
        plan.visibleProperty().bind(model.planningTrackedProperty());
        // the text early and wide: at 1024x700 the figures a DBA ranks by come first, then what
        // the statement is; the rest of the figures follow for whoever scrolls
        TableColumn<StatementRates, String> query = Tables.text("query", r -> Formats.oneLine(r.statement().query(), 300), 420);
        query.setId("statements-query");
        table.getColumns().addAll(java.util.List.of(total, mean, calls, query,
                figure("time/s", r -> StatementFormats.millisPerSecond(r.millisPerSecond()), StatementRates::totalMillis, 85),
                figure("max", r -> StatementFormats.millis(r.maxMillis()), StatementRates::maxMillis, 85),
                figure("rows/call", r -> StatementFormats.number(r.rowsPerCall()), StatementRates::rowsPerCall, 95),
                figure("hit/s", r -> StatementFormats.number(r.blocksHitPerSecond()), StatementRates::blocksHit, 75),
                figure("read/s", r -> StatementFormats.number(r.blocksReadPerSecond()), StatementRates::blocksRead, 75),
                figure("temp written/s", r -> StatementFormats.number(r.tempBlocksWrittenPerSecond()),
                        StatementRates::tempBlocksWritten, 135),
                io, plan,
                Tables.text("database", r -> r.statement().database(), 110),
                Tables.text("user", r -> r.statement().user(), 90)));
        SortedList<StatementRates> sorted = new SortedList<>(model.statements());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        total.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(total);
        followSelection(table, model);
        return table;
    }

    private static TableColumn<StatementRates, StatementRates> figure(String title,
            java.util.function.Function<StatementRates, String> display, ToDoubleFunction<StatementRates> key, double width) {
        return Tables.sorted(title, display, r -> StatementFormats.key(key.applyAsDouble(r)), width);
    }

    /** The rows are replaced on every read: select the same statement again so a click is not lost. */
    private static void followSelection(TableView<StatementRates> table, StatementsViewModel model) {
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                model.selectedProperty().set(r.statement().key());
            }
        });
        table.getItems().addListener((ListChangeListener<StatementRates>) c -> {
            StatementKey key = model.selectedProperty().get();
            if (key == null) {
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).statement().key().equals(key)) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });
    }
}
