package io.pgdeck.app;

import io.pgdeck.connect.ConnectionProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The saved profiles by group; double-click one, or select it and press Connect, to open it in a
 * tab of its own. Call on the JavaFX thread.
 */
final class ServerList {

    /** A row: a group heading, or a saved profile within its group. */
    record Entry(String group, ConnectionProfile profile) {}

    private final TreeView<Entry> tree = new TreeView<>(new TreeItem<>());
    private final Button connect = new Button("Connect");
    private final Label heading = new Label("Saved servers");
    private final VBox root;

    ServerList(Consumer<ConnectionProfile> open) {
        tree.setId("server-list");
        tree.setShowRoot(false);
        tree.setCellFactory(v -> new TreeCell<>() {
            @Override
            protected void updateItem(Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                if (empty || entry == null) {
                    setText(null);
                    setGraphic(null);
                } else if (entry.profile() == null) {
                    setText(entry.group());
                    setGraphic(new FontIcon("mdi2f-folder-outline"));
                } else {
                    setText(entry.profile().name());
                    setGraphic(new FontIcon("mdi2d-database-outline"));
                }
            }
        });
        tree.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                chosen().ifPresent(open);
            }
        });
        connect.setId("server-list-connect");
        connect.setMaxWidth(Double.MAX_VALUE);
        connect.disableProperty().bind(tree.getSelectionModel().selectedItemProperty()
                .map(item -> item.getValue().profile() == null).orElse(true));
        connect.setOnAction(e -> chosen().ifPresent(open));
        heading.setWrapText(true);
        heading.getStyleClass().add("server-list-heading");
        VBox.setVgrow(tree, Priority.ALWAYS);
        root = new VBox(6, heading, tree, connect);
        root.setPadding(new Insets(8));
        root.setMinWidth(0);
    }

    Parent root() {
        return root;
    }

    /** Shows the profiles as saved now, every group open. */
    void show(Map<String, List<ConnectionProfile>> groups) {
        TreeItem<Entry> top = tree.getRoot();
        top.getChildren().clear();
        groups.forEach((group, profiles) -> {
            TreeItem<Entry> heading = new TreeItem<>(new Entry(group, null));
            heading.setExpanded(true);
            profiles.forEach(p -> heading.getChildren().add(new TreeItem<>(new Entry(group, p))));
            top.getChildren().add(heading);
        });
        heading.setText(groups.isEmpty() ? "No saved servers yet: Connect… and tick Save" : "Saved servers");
    }

    private Optional<ConnectionProfile> chosen() {
        TreeItem<Entry> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? Optional.empty() : Optional.ofNullable(item.getValue().profile());
    }
}
