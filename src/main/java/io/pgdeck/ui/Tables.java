package io.pgdeck.ui;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Read-only table columns from record accessors, with a display text and a sort key. */
public final class Tables {

    private Tables() {}

    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /**
     * A column that shows {@code display} but sorts by {@code key}, so "4 min 2 s" sorts after
     * "59.0 s" and "1.2 GB" after "900 MB".
     */
    public static <S, K extends Comparable<K>> TableColumn<S, S> sorted(
            String title, Function<S, String> display, Function<S, K> key, double width) {
        TableColumn<S, S> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(S item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : display.apply(item));
            }
        });
        column.setPrefWidth(width);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    public static <S> TableView<S> table(String placeholder) {
        TableView<S> table = new TableView<>();
        table.setPlaceholder(new javafx.scene.control.Label(placeholder));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return table;
    }
}
