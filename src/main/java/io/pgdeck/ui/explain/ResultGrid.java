package io.pgdeck.ui.explain;

import io.pgdeck.explain.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * A Run's rows: a column per result column, named as the result's metadata names it, values as
 * PostgreSQL's text, NULL in italics so it is not taken for the text "NULL" or an empty string.
 * Cells are selected like a spreadsheet's; Ctrl+C copies them, with their columns' names, as TSV.
 */
final class ResultGrid {

    static final String NULL = "NULL";

    private final TableView<List<String>> table = new TableView<>();

    ResultGrid() {
        table.setId("result-grid");
        table.setPlaceholder(new Label("Run a statement (Ctrl+Shift+Enter): its first 1,000 rows show here,"
                + " read-only and rolled back"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                ClipboardContent content = new ClipboardContent();
                content.putString(selectedAsTsv());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
                e.consume();
            }
        });
    }

    TableView<List<String>> node() {
        return table;
    }

    void show(QueryResult result) {
        table.getColumns().clear();
        if (result == null) {
            table.setItems(FXCollections.observableArrayList());
            return;
        }
        for (int c = 0; c < result.columns().size(); c++) {
            table.getColumns().add(column(result.columns().get(c), c));
        }
        table.setItems(FXCollections.observableArrayList(result.rows()));
    }

    /** The selected cells under their columns' names, row by row, in the grid's order. */
    String selectedAsTsv() {
        TreeSet<Integer> columns = new TreeSet<>();
        TreeMap<Integer, List<String>> rows = new TreeMap<>();
        for (TablePosition<?, ?> p : table.getSelectionModel().getSelectedCells()) {
            if (p.getColumn() >= 0) {
                columns.add(p.getColumn());
            } else {
                for (int c = 0; c < table.getColumns().size(); c++) {
                    columns.add(c);
                }
            }
            rows.put(p.getRow(), null);
        }
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(table.getColumns().get(c).getText()));
        List<List<String>> values = new ArrayList<>();
        for (int r : rows.keySet()) {
            List<String> row = table.getItems().get(r);
            List<String> picked = new ArrayList<>();
            columns.forEach(c -> picked.add(row.get((Integer) table.getColumns().get(c).getUserData())));
            values.add(picked);
        }
        return ResultText.tsv(names, values);
    }

    private static TableColumn<List<String>, String> column(String name, int index) {
        TableColumn<List<String>, String> column = new TableColumn<>(name);
        column.setUserData(index);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().get(index)));
        column.setPrefWidth(Math.max(80, Math.min(320, name.length() * 9 + 30)));
        column.setSortable(false); // the order is the statement's; ORDER BY says it
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                getStyleClass().remove("sql-null");
                if (empty) {
                    setText(null);
                } else if (value == null) {
                    setText(NULL);
                    getStyleClass().add("sql-null");
                } else {
                    setText(value.length() > 500 ? value.substring(0, 500) + "…" : value);
                }
            }
        });
        return column;
    }
}
