package io.pgdeck.ui.overview;

import io.pgdeck.catalog.Formats;
import io.pgdeck.ui.MetricTile;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/** The overview screen: tiles, four charts over the last minutes, and the databases table. */
public final class OverviewView implements Page {

    public static final String TITLE = "Overview";
    public static final Ikon ICON = MaterialDesignV.VIEW_DASHBOARD_OUTLINE;

    static final Duration CHART_WINDOW = Duration.ofMinutes(10);

    private final OverviewViewModel model;
    private final ScrollPane root;
    private final TimeChart transactions = TimeChart.lines("Transactions per second", "per second");
    private final TimeChart cache = TimeChart.lines("Cache hit ratio", "%").fitToData();
    private final TimeChart connections = TimeChart.lines("Client connections", "connections");
    private final TimeChart size = TimeChart.lines("Size of all databases", "MB").withPoints();

    public OverviewView(OverviewViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());

        MetricTile connectionsTile = new MetricTile("connections / max", Bindings.createStringBinding(
                () -> model.connectionsProperty().get() + " / " + model.maxConnectionsProperty().get(),
                model.connectionsProperty(), model.maxConnectionsProperty()));
        model.connectionsProperty().addListener((o, a, b) -> connectionsTile.warn(model.connectionsRatio() > 0.8));
        FlowPane tiles = new FlowPane(12, 12,
                new MetricTile("version", model.versionProperty()),
                new MetricTile("uptime", model.uptimeProperty()),
                connectionsTile,
                new MetricTile("commits", Bindings.createStringBinding(
                        () -> Formats.rate(model.commitsPerSecondProperty().get()), model.commitsPerSecondProperty())),
                new MetricTile("rollbacks", Bindings.createStringBinding(
                        () -> Formats.rate(model.rollbacksPerSecondProperty().get()), model.rollbacksPerSecondProperty())),
                new MetricTile("cache hit (now)", Bindings.createStringBinding(
                        () -> Formats.percent(model.cacheHitRatioProperty().get()), model.cacheHitRatioProperty())),
                new MetricTile("cache hit (since reset)", Bindings.createStringBinding(
                        () -> Formats.percent(model.cacheHitRatioSinceResetProperty().get()),
                        model.cacheHitRatioSinceResetProperty())),
                new MetricTile("deadlocks", Bindings.createStringBinding(
                        () -> Formats.count(model.deadlocksProperty().get()), model.deadlocksProperty())),
                new MetricTile("temp written", Bindings.createStringBinding(
                        () -> Formats.bytes(model.tempBytesProperty().get()) + " ("
                                + Formats.bytes((long) nanToZero(model.tempBytesPerSecondProperty().get())) + "/s)",
                        model.tempBytesProperty(), model.tempBytesPerSecondProperty())),
                new MetricTile("total size", Bindings.createStringBinding(
                        () -> model.totalSizeProperty().get() < 0 ? "…" : Formats.bytes(model.totalSizeProperty().get()),
                        model.totalSizeProperty())));

        GridPane charts = new GridPane();
        charts.setHgap(12);
        charts.setVgap(12);
        charts.add(transactions.node(), 0, 0);
        charts.add(cache.node(), 1, 0);
        charts.add(connections.node(), 0, 1);
        charts.add(size.node(), 1, 1);
        for (Node n : charts.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
        }

        TableView<DatabaseRow> table = Tables.table("No databases read yet");
        table.setId("databases");
        table.getColumns().add(Tables.text("database", DatabaseRow::name, 200));
        table.getColumns().add(Tables.sorted("size", r -> r.sizeBytes() == null ? "…" : Formats.bytes(r.sizeBytes()),
                DatabaseRow::sizeBytes, 100));
        table.getColumns().add(Tables.sorted("connections", r -> Integer.toString(r.backends()), DatabaseRow::backends, 120));
        table.getColumns().add(Tables.sorted("commits", r -> Formats.rate(r.commitsPerSecond()), DatabaseRow::commitsPerSecond, 110));
        table.getColumns().add(Tables.sorted("cache hit", r -> Formats.percent(r.cacheHitRatio()), DatabaseRow::cacheHitRatio, 110));
        table.getColumns().add(Tables.sorted("deadlocks", r -> Formats.count(r.deadlocks()), DatabaseRow::deadlocks, 110));
        table.getColumns().add(Tables.sorted("temp written", r -> Formats.bytes(r.tempBytes()), DatabaseRow::tempBytes, 130));
        table.setItems(model.databases());
        table.setPrefHeight(180);

        VBox content = new VBox(12, freshness, tiles, charts, new Label("Databases"), table);
        content.setPadding(new Insets(16));
        content.setId("overview");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw(at));
    }

    private void redraw(Instant now) {
        Instant since = now.minus(CHART_WINDOW);
        var rates = model.rateHistory().since(since);
        transactions.line("commits/s", rates, r -> r.commits());
        transactions.line("rollbacks/s", rates, r -> r.rollbacks());
        cache.line("hit ratio (%)", rates, r -> r.cacheHitRatio() * 100);
        // max_connections is in the tile: drawn as a line it flattens the clients' curve to nothing
        connections.line("clients", model.connectionHistory().since(since), Integer::doubleValue);
        size.line("all databases (MB)", model.sizeHistory().since(now.minus(Duration.ofHours(6))),
                (Long b) -> b / (1024.0 * 1024.0));
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
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
