package io.pgdeck.ui.connections;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.Formats;
import io.pgdeck.ui.Tables;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.TableView;

/** The backend tables of the connections screen share their columns and keep the selection across refreshes. */
final class BackendTables {

    private BackendTables() {}

    static TableView<Backend> create(String id, String placeholder, ObservableList<Backend> items) {
        TableView<Backend> table = Tables.table(placeholder);
        table.setId(id);
        table.getColumns().add(Tables.sorted("pid", b -> Integer.toString(b.pid()), Backend::pid, 70));
        table.getColumns().add(Tables.text("user", Backend::user, 110));
        table.getColumns().add(Tables.text("application", Backend::application, 150));
        table.getColumns().add(Tables.text("client", Backend::clientAddress, 100));
        table.getColumns().add(Tables.text("database", Backend::database, 120));
        table.getColumns().add(Tables.text("state", Backend::state, 150));
        table.getColumns().add(Tables.text("waiting on", b -> wait(b), 150));
        table.getColumns().add(Tables.sorted("query age", b -> Formats.age(b.queryAge()), Backend::queryAge, 100));
        table.getColumns().add(Tables.sorted("xact age", b -> b.transactionStart() == null ? "" : Formats.age(b.transactionAge()),
                Backend::transactionAge, 100));
        table.getColumns().add(Tables.text("blocked by", b -> b.blockedBy().isEmpty() ? "" : b.blockedBy().toString(), 100));
        table.getColumns().add(Tables.text("query", b -> Formats.oneLine(b.query(), 400), 600));
        table.setItems(items);
        keepSelection(table);
        return table;
    }

    static String wait(Backend b) {
        if (b.waitEventType() == null) {
            return "";
        }
        return b.waitEventType() + (b.waitEvent() == null ? "" : ": " + b.waitEvent());
    }

    /** The items are replaced on every refresh: select the same pid again so a click is not lost. */
    private static void keepSelection(TableView<Backend> table) {
        int[] selectedPid = {0};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                selectedPid[0] = b.pid();
            }
        });
        table.getItems().addListener((ListChangeListener<Backend>) c -> {
            if (selectedPid[0] == 0) {
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).pid() == selectedPid[0]) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });
    }
}
