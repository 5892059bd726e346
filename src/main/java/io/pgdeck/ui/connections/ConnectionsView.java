package io.pgdeck.ui.connections;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BlockingTree;
import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.PoolStats;
import io.pgdeck.ui.MetricTile;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** Connections & pools: pool tiles, charts, grouped counts, and the backend tables with cancel/terminate. */
public final class ConnectionsView implements Page {

    public static final String TITLE = "Connections & pools";
    public static final Ikon ICON = MaterialDesignL.LAN_CONNECT;

    private static final List<Duration> THRESHOLDS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5));

    private final ConnectionsViewModel model;
    private final VBox root;
    private final TimeChart byState = TimeChart.stacked("Connections by state", "connections");
    private final TimeChart poolChart = TimeChart.lines("pgdeck monitoring pool (HikariCP)", "connections");
    private final TreeTableView<Backend> blockingTree = new TreeTableView<>();
    private final TabPane tabs = new TabPane();

    public ConnectionsView(ConnectionsViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("title-4");
        Label idleTx = new Label();
        idleTx.textProperty().bind(Bindings.concat("Oldest idle in transaction: ", model.oldestIdleInTransactionProperty()));

        Label hint = new Label();
        hint.setId("capability-hint");
        hint.textProperty().bind(model.hintProperty());
        hint.getStyleClass().add("hint");
        hint.visibleProperty().bind(model.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());

        FlowPane poolTiles = new FlowPane(12, 12,
                tile("pool active", PoolStats::active), tile("pool idle", PoolStats::idle),
                tile("pool total", PoolStats::total), tile("threads waiting", PoolStats::threadsAwaiting),
                tile("pool maximum", PoolStats::maximum));

        ChoiceBox<GroupBy> groupBy = new ChoiceBox<>();
        groupBy.getItems().setAll(GroupBy.values());
        groupBy.valueProperty().bindBidirectional(model.groupByProperty());
        TableView<CountRow> groups = Tables.table("No connections");
        groups.setId("groups");
        groups.getColumns().add(Tables.text("group", CountRow::group, 170));
        groups.getColumns().add(Tables.sorted("count", r -> Integer.toString(r.count()), CountRow::count, 80));
        groups.setItems(model.groups());
        groups.setPrefWidth(300);
        groups.setMinWidth(300);
        VBox grouped = new VBox(6, new HBox(8, new Label("Group by"), groupBy), groups);
        VBox.setVgrow(groups, Priority.ALWAYS);

        HBox charts = new HBox(12, byState.node(), poolChart.node(), grouped);
        HBox.setHgrow(byState.node(), Priority.ALWAYS);
        HBox.setHgrow(poolChart.node(), Priority.ALWAYS);
        charts.setPrefHeight(270);
        charts.setMinHeight(270);

        TableView<Backend> longRunning = BackendTables.create("long-running", "No query running longer than the threshold",
                model.longRunning());
        TableView<Backend> all = BackendTables.create("backends", "No backends", model.backends());
        buildBlockingTree();
        ChoiceBox<Duration> threshold = new ChoiceBox<>();
        threshold.getItems().setAll(THRESHOLDS);
        threshold.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "over " + Formats.age(d);
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        threshold.valueProperty().bindBidirectional(model.longQueryThresholdProperty());
        VBox longTab = new VBox(6, new HBox(8, new Label("Active queries running"), threshold), longRunning);
        VBox.setVgrow(longRunning, Priority.ALWAYS);
        tabs.getTabs().addAll(new Tab("Long-running", longTab), new Tab("All backends", all),
                new Tab("Blocking", blockingTree));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Button cancel = new Button("Cancel query…");
        cancel.setId("cancel-backend");
        Button terminate = new Button("Terminate session…");
        terminate.setId("terminate-backend");
        terminate.getStyleClass().add("danger");
        Function<Void, Backend> selected = v -> selectedBackend(longRunning, all);
        cancel.setOnAction(e -> model.cancel(selected.apply(null)));
        terminate.setOnAction(e -> model.terminate(selected.apply(null)));
        Label actionMessage = new Label();
        actionMessage.textProperty().bind(model.actions().messageProperty());
        HBox buttons = new HBox(8, cancel, terminate, actionMessage);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(model.actions().readOnlyProperty().not());
        buttons.managedProperty().bind(buttons.visibleProperty());
        cancel.disableProperty().bind(model.actions().busyProperty());
        terminate.disableProperty().bind(model.actions().busyProperty());

        root = new VBox(10, freshness, hint, summary, poolTiles, idleTx, charts, buttons, tabs);
        root.setPadding(new Insets(16));
        root.setId("connections");
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw(at));
        model.blockingProperty().addListener((o, a, tree) -> showBlocking(tree));
    }

    private MetricTile tile(String caption, Function<PoolStats, Integer> value) {
        return new MetricTile(caption, Bindings.createStringBinding(
                () -> Integer.toString(value.apply(model.poolProperty().get())), model.poolProperty()));
    }

    private Backend selectedBackend(TableView<Backend> longRunning, TableView<Backend> all) {
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        if (content == blockingTree) {
            TreeItem<Backend> item = blockingTree.getSelectionModel().getSelectedItem();
            return item == null ? null : item.getValue();
        }
        return (content == all ? all : longRunning).getSelectionModel().getSelectedItem();
    }

    private void buildBlockingTree() {
        blockingTree.setId("blocking");
        blockingTree.setShowRoot(false);
        blockingTree.setPlaceholder(new Label("Nobody is waiting on a lock held by another session"));
        blockingTree.getColumns().add(treeColumn("pid", b -> Integer.toString(b.pid()), 120));
        blockingTree.getColumns().add(treeColumn("user", Backend::user, 110));
        blockingTree.getColumns().add(treeColumn("application", Backend::application, 150));
        blockingTree.getColumns().add(treeColumn("state", Backend::state, 130));
        blockingTree.getColumns().add(treeColumn("waiting on", BackendTables::wait, 150));
        blockingTree.getColumns().add(treeColumn("xact age", b -> Formats.age(b.transactionAge()), 90));
        blockingTree.getColumns().add(treeColumn("query", b -> Formats.oneLine(b.query(), 400), 600));
    }

    private static TreeTableColumn<Backend, String> treeColumn(String title, Function<Backend, String> value, double width) {
        TreeTableColumn<Backend, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(
                c.getValue().getValue() == null ? "" : value.apply(c.getValue().getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private void showBlocking(BlockingTree tree) {
        TreeItem<Backend> root = new TreeItem<>();
        tree.roots().forEach(n -> root.getChildren().add(item(n)));
        blockingTree.setRoot(root);
    }

    private static TreeItem<Backend> item(BlockingTree.Node node) {
        TreeItem<Backend> item = new TreeItem<>(node.backend());
        item.setExpanded(true);
        node.waiters().forEach(w -> item.getChildren().add(item(w)));
        return item;
    }

    private void redraw(Instant now) {
        Instant since = now.minus(Duration.ofMinutes(10));
        byState.stack(List.of("active", "idle", "idle in transaction", "idle in transaction (aborted)"),
                model.stateHistory().since(since), (counts, state) -> counts.getOrDefault(state, 0));
        var pool = model.poolHistory().since(since);
        poolChart.line("active", pool, p -> p.active());
        poolChart.line("idle", pool, p -> p.idle());
        poolChart.line("threads waiting", pool, p -> p.threadsAwaiting());
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
