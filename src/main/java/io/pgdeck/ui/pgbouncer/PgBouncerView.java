package io.pgdeck.ui.pgbouncer;

import io.pgdeck.catalog.BouncerSocket;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.PgBouncerWarning;
import io.pgdeck.ui.MetricTile;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** PgBouncer: tiles, warnings, charts of waiting clients and wait time, and pools, clients, servers and config. */
public final class PgBouncerView implements Page {

    public static final String TITLE = "PgBouncer";
    public static final Ikon ICON = MaterialDesignP.POOL;

    static final Duration CHART_WINDOW = Duration.ofMinutes(10);

    private final PgBouncerViewModel model;
    private final VBox root;
    private final TimeChart waitingChart = TimeChart.lines("Clients waiting for a server", "clients");
    private final TimeChart waitChart = TimeChart.lines("Wait for a server connection", "ms");
    private final VBox warnings = new VBox(4);

    public PgBouncerView(PgBouncerViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label unavailable = new Label();
        unavailable.setId("pgbouncer-unavailable");
        unavailable.setWrapText(true);
        unavailable.getStyleClass().add("hint");
        unavailable.textProperty().bind(model.unavailableProperty());
        unavailable.visibleProperty().bind(model.unavailableProperty().isNotEmpty());
        unavailable.managedProperty().bind(unavailable.visibleProperty());

        MetricTile clientsTile = new MetricTile("clients / max_client_conn", Bindings.createStringBinding(
                () -> model.clientCountProperty().get() + " / " + model.maxClientConnProperty().get(),
                model.clientCountProperty(), model.maxClientConnProperty()));
        MetricTile waitingTile = new MetricTile("clients waiting", Bindings.createStringBinding(
                () -> Integer.toString(model.waitingProperty().get()), model.waitingProperty()));
        MetricTile longestTile = new MetricTile("longest wait", Bindings.createStringBinding(
                () -> Formats.age(model.longestWaitProperty().get()), model.longestWaitProperty()));
        FlowPane tiles = new FlowPane(12, 12,
                new MetricTile("version", model.versionProperty()),
                new MetricTile("pool mode", model.poolModeProperty()),
                new MetricTile("default_pool_size", Bindings.createStringBinding(
                        () -> Integer.toString(model.defaultPoolSizeProperty().get()), model.defaultPoolSizeProperty())),
                clientsTile, waitingTile, longestTile);
        warnings.setId("pgbouncer-warnings");
        model.warnings().addListener((ListChangeListener<PgBouncerWarning>) c -> {
            showWarnings();
            clientsTile.warn(model.warnings().stream().anyMatch(w -> w.kind() == PgBouncerWarning.Kind.CLIENT_CONNECTIONS));
            longestTile.warn(model.warnings().stream().anyMatch(w -> w.kind() == PgBouncerWarning.Kind.CLIENTS_WAITING));
            waitingTile.warn(model.waitingProperty().get() > 0);
        });

        HBox charts = new HBox(12, waitingChart.node(), waitChart.node());
        HBox.setHgrow(waitingChart.node(), Priority.ALWAYS);
        HBox.setHgrow(waitChart.node(), Priority.ALWAYS);
        charts.setPrefHeight(250);
        charts.setMinHeight(250);

        TabPane tabs = new TabPane(new Tab("Pools", pools()), new Tab("Clients", sockets("pgbouncer-clients",
                "No clients", model.clients())), new Tab("Servers", sockets("pgbouncer-servers", "No server connections",
                model.servers())), new Tab("Config", config()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        VBox content = new VBox(10, tiles, warnings, charts, tabs);
        VBox.setVgrow(content, Priority.ALWAYS);
        // with nothing to read there is nothing to draw: only the sentence saying what to do
        content.visibleProperty().bind(model.unavailableProperty().isEmpty());
        content.managedProperty().bind(content.visibleProperty());
        root = new VBox(10, freshness, unavailable, content);
        root.setPadding(new Insets(16));
        root.setId("pgbouncer");
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw(at));
    }

    private TableView<PoolRow> pools() {
        TableView<PoolRow> table = Tables.table("No pools yet");
        table.setId("pgbouncer-pools");
        table.getColumns().add(Tables.text("database", r -> r.pool().database(), 150));
        table.getColumns().add(Tables.text("user", r -> r.pool().user(), 110));
        table.getColumns().add(Tables.text("mode", r -> r.pool().poolMode(), 90));
        table.getColumns().add(Tables.sorted("cl active", r -> Integer.toString(r.pool().clientsActive()), r -> r.pool().clientsActive(), 80));
        table.getColumns().add(Tables.sorted("cl waiting", r -> Integer.toString(r.pool().clientsWaiting()), r -> r.pool().clientsWaiting(), 85));
        table.getColumns().add(Tables.sorted("maxwait", r -> Formats.age(r.maxWait()), PoolRow::maxWait, 80));
        table.getColumns().add(Tables.sorted("sv active", r -> Integer.toString(r.pool().serversActive()), r -> r.pool().serversActive(), 80));
        table.getColumns().add(Tables.sorted("sv idle", r -> Integer.toString(r.pool().serversIdle()), r -> r.pool().serversIdle(), 70));
        table.getColumns().add(Tables.sorted("sv used", r -> Integer.toString(r.pool().serversUsed()), r -> r.pool().serversUsed(), 70));
        table.getColumns().add(Tables.sorted("sv tested", r -> Integer.toString(r.pool().serversTested()), r -> r.pool().serversTested(), 75));
        table.getColumns().add(Tables.sorted("sv login", r -> Integer.toString(r.pool().serversLogin()), r -> r.pool().serversLogin(), 70));
        table.getColumns().add(Tables.sorted("pool size", r -> Integer.toString(r.poolSize()), PoolRow::poolSize, 75));
        table.getColumns().add(Tables.sorted("queries", r -> Formats.rate(r.queriesPerSecond()), PoolRow::queriesPerSecond, 80));
        table.getColumns().add(Tables.sorted("xacts", r -> Formats.rate(r.transactionsPerSecond()), PoolRow::transactionsPerSecond, 80));
        table.getColumns().add(Tables.sorted("avg query", r -> millis(r.avgQueryMillis()), PoolRow::avgQueryMillis, 85));
        table.getColumns().add(Tables.sorted("avg xact", r -> millis(r.avgTransactionMillis()), PoolRow::avgTransactionMillis, 85));
        table.getColumns().add(Tables.sorted("avg wait", r -> millis(r.avgWaitMillis()), PoolRow::avgWaitMillis, 85));
        table.setItems(model.pools());
        return table;
    }

    private static TableView<BouncerSocket> sockets(String id, String empty, javafx.collections.ObservableList<BouncerSocket> items) {
        TableView<BouncerSocket> table = Tables.table(empty);
        table.setId(id);
        table.getColumns().add(Tables.text("database", BouncerSocket::database, 150));
        table.getColumns().add(Tables.text("user", BouncerSocket::user, 110));
        table.getColumns().add(Tables.text("state", BouncerSocket::state, 80));
        table.getColumns().add(Tables.text("address", s -> s.address() == null ? "" : s.address() + ":" + s.port(), 150));
        table.getColumns().add(Tables.sorted("waiting", s -> s.waited().isZero() ? "" : Formats.age(s.waited()), BouncerSocket::waited, 80));
        table.getColumns().add(Tables.text("connected", BouncerSocket::connectTime, 170));
        table.getColumns().add(Tables.text("last request", BouncerSocket::requestTime, 170));
        table.getColumns().add(Tables.text("application", BouncerSocket::applicationName, 150));
        table.getColumns().add(Tables.text("prepared", s -> s.preparedStatements() == null ? "" : s.preparedStatements().toString(), 80));
        table.setItems(items);
        return table;
    }

    private TableView<SettingRow> config() {
        TableView<SettingRow> table = Tables.table("No configuration read yet");
        table.setId("pgbouncer-config");
        table.getColumns().add(Tables.text("setting", SettingRow::key, 240));
        table.getColumns().add(Tables.text("value", SettingRow::value, 500));
        table.setItems(model.config());
        return table;
    }

    private void showWarnings() {
        warnings.getChildren().setAll(model.warnings().stream().map(w -> {
            Label l = new Label(w.sentence());
            l.getStyleClass().add("hint");
            l.setWrapText(true);
            return l;
        }).toList());
    }

    private void redraw(Instant now) {
        var points = model.waitHistory().since(now.minus(CHART_WINDOW));
        waitingChart.line("waiting clients", points, p -> p.waiting());
        waitChart.line("longest wait (ms)", points, p -> p.longestWaitMillis());
        waitChart.line("average wait (ms)", points, p -> p.avgWaitMillis());
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.2f ms", ms);
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
