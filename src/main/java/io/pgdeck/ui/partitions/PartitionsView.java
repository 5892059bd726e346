package io.pgdeck.ui.partitions;

import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.ui.Page;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** Partitions: every set as a tree with bounds, rows and sizes; coverage; the maintenance buttons. */
public final class PartitionsView implements Page {

    public static final String TITLE = "Partitions";
    public static final Ikon ICON = MaterialDesignT.TABLE_SPLIT_CELL;

    private final PartitionsViewModel model;
    private final VBox root;
    private final TreeTableView<Object> tree = new TreeTableView<>();
    private final PartitionSizeChart chart = new PartitionSizeChart();

    public PartitionsView(PartitionsViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label summary = new Label();
        summary.setId("partition-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        Label notice = new Label();
        notice.setId("partition-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("warning-text");
        notice.setStyle("-fx-text-fill: #9a6700;");
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        buildTree();
        HBox top = new HBox(12, tree, chart.node());
        HBox.setHgrow(tree, Priority.ALWAYS);
        tree.setPrefWidth(700);
        ((javafx.scene.layout.Region) chart.node()).setPrefWidth(460);
        ((javafx.scene.layout.Region) chart.node()).setMinWidth(420);
        top.setPrefHeight(360);
        VBox.setVgrow(top, Priority.ALWAYS);

        Label actionMessage = new Label();
        actionMessage.textProperty().bind(model.actions().messageProperty());
        VBox buttons = new VBox(6, createButtons(), maintenanceButtons(), retentionButtons(), actionMessage);
        buttons.visibleProperty().bind(model.actions().writesAllowedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());

        root = new VBox(10, freshness, summary, notice, top, buttons);
        root.setPadding(new Insets(16));
        root.setId("partitions");
        model.sets().addListener((javafx.collections.ListChangeListener<PartitionSet>) c -> showTree());
        model.selectedProperty().addListener((o, a, set) -> chart.show(set));
        // the first read may have come before the screen was built
        showTree();
    }

    private HBox createButtons() {
        Spinner<Integer> count = new Spinner<>(1, 36, model.nextCountProperty().get());
        count.setId("next-count");
        count.setPrefWidth(80);
        count.valueProperty().addListener((o, a, n) -> model.nextCountProperty().set(n));
        Button next = button("create-next", "Create next partitions…", e -> model.createNext());
        Button gaps = button("fill-gaps", "Fill gaps…", e -> model.fillGaps());
        Button move = button("move-default-rows", "Move DEFAULT rows…", e -> model.moveDefaultRows());
        move.getStyleClass().add("danger");
        move.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.blocked()));
        move.managedProperty().bind(move.visibleProperty());
        return row(new Label("N"), count, next, gaps, move);
    }

    private HBox maintenanceButtons() {
        Button detach = button("detach", "Detach…", e -> model.detach(selectedPartition()));
        Button finalizeDetach = button("finalize-detach", "Finalize detach…", e -> model.finalizeDetach(selectedPartition()));
        TextField table = new TextField();
        table.setPromptText("table to attach");
        table.setId("attach-table");
        TextField from = new TextField();
        from.setPromptText("FROM");
        from.setPrefWidth(150);
        TextField to = new TextField();
        to.setPromptText("TO");
        to.setPrefWidth(150);
        Button attach = button("attach", "Attach…", e -> model.attach(table.getText(), from.getText(), to.getText()));
        HBox row = row(detach, finalizeDetach, new Label("  "), table, from, to, attach);
        if (model.partmanAvailable()) {
            row.getChildren().add(button("partman-maintenance", "pg_partman run_maintenance…",
                    e -> model.runPartmanMaintenance()));
        }
        return row;
    }

    private HBox retentionButtons() {
        DatePicker cutoff = new DatePicker();
        cutoff.setId("retention-cutoff");
        cutoff.setPromptText("cutoff");
        cutoff.valueProperty().bindBidirectional(model.cutoffProperty());
        CheckBox drop = new CheckBox("and drop");
        drop.selectedProperty().bindBidirectional(model.dropOnRetentionProperty());
        Label preview = new Label();
        preview.setId("retention-preview");
        model.retentionPreview().addListener((javafx.collections.ListChangeListener<Partition>) c -> preview.setText(
                model.retentionPreview().isEmpty() ? "" : "would go: " + String.join(", ",
                        model.retentionPreview().stream().map(Partition::name).toList())));
        Button apply = button("retention", "Apply retention…", e -> model.applyRetention());
        return row(new Label("Retention: older than"), cutoff, drop, apply, preview);
    }

    private Button button(String id, String text, javafx.event.EventHandler<javafx.event.ActionEvent> handler) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(handler);
        b.disableProperty().bind(model.actions().busyProperty());
        return b;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Partition selectedPartition() {
        TreeItem<Object> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof Partition p ? p : null;
    }

    private void buildTree() {
        tree.setId("partition-tree");
        tree.setShowRoot(false);
        tree.setPlaceholder(new Label("No partitioned tables in this database"));
        tree.getColumns().add(column("partition", o -> o instanceof PartitionSet s ? s.qualifiedName() : ((Partition) o).name(), 250));
        tree.getColumns().add(column("bounds", o -> o instanceof PartitionSet s ? s.keyDef() : bounds((Partition) o), 230));
        tree.getColumns().add(column("est. rows", o -> o instanceof PartitionSet s ? Formats.count(s.estimatedRows())
                : rows((Partition) o), 100));
        tree.getColumns().add(column("size", o -> Formats.bytes(o instanceof PartitionSet s ? s.sizeBytes()
                : ((Partition) o).sizeBytes()), 90));
        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                boolean hot = !empty && item instanceof Partition p && (p.defaultHoldsRows() || p.detachPending());
                setStyle(hot ? "-fx-background-color: #fff1e5;" : "");
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            TreeItem<Object> top = item;
            while (top != null && top.getParent() != null && top.getParent() != tree.getRoot()) {
                top = top.getParent();
            }
            if (top != null && top.getValue() instanceof PartitionSet s
                    && (model.selectedProperty().get() == null || !model.selectedProperty().get().qualifiedName().equals(s.qualifiedName()))) {
                model.select(s.qualifiedName());
            }
        });
    }

    /** Short forms: "2026-06-01 → 2026-07-01", "IN (de, fr)", "modulus 8, remainder 0", DEFAULT. */
    private static String bounds(Partition p) {
        var b = p.bounds();
        String text = switch (b.kind()) {
            case DEFAULT -> "DEFAULT";
            case HASH -> "modulus " + b.modulus() + ", remainder " + b.remainder();
            case LIST -> "IN (" + String.join(", ", b.values()) + ")";
            case RANGE -> p.timeRange().map(r -> time(r.from()) + " → " + time(r.to()))
                    .orElse(String.join(", ", b.from()) + " → " + String.join(", ", b.to()));
        };
        if (p.detachPending()) {
            text += "   (DETACH PENDING)";
        }
        return p.isLevel() ? text + "   [" + p.subStrategy() + " partitioned]" : text;
    }

    private static String time(java.time.LocalDateTime t) {
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }

    private static String rows(Partition p) {
        if (p.isDefault() && p.defaultRows() < 0) {
            return p.defaultRowsNote().orElse("?");
        }
        if (p.isDefault()) {
            String counted = p.defaultRows() == 0 ? "empty" : (p.defaultRows() >= PartitionReader.DEFAULT_ROW_CAP ? "≥ " : "")
                    + Formats.count(p.defaultRows()) + " ⚠";
            return p.readable() ? counted : "≈ " + counted;
        }
        return p.estimatedRows() < 0 ? "?" : Formats.count(p.estimatedRows());
    }

    private void showTree() {
        TreeItem<Object> root = new TreeItem<>();
        for (PartitionSet set : model.sets()) {
            TreeItem<Object> item = new TreeItem<>(set);
            item.setExpanded(true);
            set.partitions().forEach(p -> item.getChildren().add(item(p)));
            root.getChildren().add(item);
        }
        String selected = model.selectedProperty().get() == null ? null : model.selectedProperty().get().qualifiedName();
        tree.setRoot(root);
        root.getChildren().stream().filter(i -> ((PartitionSet) i.getValue()).qualifiedName().equals(selected))
                .findFirst().ifPresent(i -> tree.getSelectionModel().select(i));
        chart.show(model.selectedProperty().get());
    }

    private static TreeItem<Object> item(Partition p) {
        TreeItem<Object> item = new TreeItem<>(p);
        item.setExpanded(true);
        p.children().forEach(c -> item.getChildren().add(item(c)));
        return item;
    }

    private static TreeTableColumn<Object, String> column(String title, Function<Object, String> value, double width) {
        TreeTableColumn<Object, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().getValue() == null ? "" : value.apply(c.getValue().getValue())));
        column.setPrefWidth(width);
        return column;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return ICON;
    }

    @Override
    public Node view() {
        return root;
    }
}
