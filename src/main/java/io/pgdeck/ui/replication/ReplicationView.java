package io.pgdeck.ui.replication;

import io.pgdeck.catalog.ConnectedStandby;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.ReplicationSlot;
import io.pgdeck.ui.MetricTile;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The replication screen: on a primary its standbys, slots and WAL rate; on a standby the
 * receiver and replay lag; on both the lag over time and the archiver.
 */
public final class ReplicationView implements Page {

    public static final String TITLE = "Replication";
    public static final Ikon ICON = MaterialDesignC.CONTENT_COPY;

    static final Duration CHART_WINDOW = Duration.ofMinutes(10);

    private final ReplicationViewModel model;
    private final ScrollPane root;
    private final TimeChart lagTime = TimeChart.lines("Replay lag", "seconds");
    private final TimeChart lagBytes = TimeChart.lines("WAL not replayed", "kB");

    public ReplicationView(ReplicationViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());

        MetricTile role = new MetricTile("role", model.roleProperty());
        role.valueLabel().setId("replication-role");
        FlowPane tiles = new FlowPane(12, 12, role, new MetricTile("WAL per second", model.walRateProperty()));

        Label nothing = label("replication-nothing", model.nothingProperty().isNotEmpty());
        nothing.textProperty().bind(model.nothingProperty());

        TableView<ConnectedStandby> standbys = Tables.table("No standby is connected");
        standbys.setId("replication-standbys");
        standbys.getColumns().add(Tables.text("standby", ConnectedStandby::applicationName, 160));
        standbys.getColumns().add(Tables.text("client", ConnectedStandby::clientAddress, 120));
        standbys.getColumns().add(Tables.text("state", ConnectedStandby::state, 90));
        standbys.getColumns().add(Tables.text("sync", ConnectedStandby::syncState, 70));
        standbys.getColumns().add(Tables.text("write lag", s -> age(s.writeLag()), 90));
        standbys.getColumns().add(Tables.text("flush lag", s -> age(s.flushLag()), 90));
        standbys.getColumns().add(Tables.text("replay lag", s -> age(s.replayLag()), 90));
        standbys.getColumns().add(Tables.sorted("not replayed", s -> bytes(s.replayLagBytes()),
                ConnectedStandby::replayLagBytes, 110));
        standbys.setItems(model.standbys());
        standbys.setPrefHeight(150);
        VBox primary = new VBox(8, new Label("Standbys"), standbys);
        primary.visibleProperty().bind(model.standbyProperty().not());
        primary.managedProperty().bind(primary.visibleProperty());

        TableView<ReplicationSlot> slots = Tables.table("No replication slot");
        slots.setId("replication-slots");
        slots.getColumns().add(Tables.text("slot", ReplicationSlot::name, 160));
        slots.getColumns().add(Tables.text("type", ReplicationSlot::type, 80));
        slots.getColumns().add(Tables.text("active", s -> s.active() ? "yes" : "no", 60));
        slots.getColumns().add(Tables.text("WAL status", ReplicationSlot::walStatus, 90));
        slots.getColumns().add(Tables.sorted("retains", s -> bytes(s.retainedBytes()), ReplicationSlot::retainedBytes, 100));
        slots.getColumns().add(Tables.text("safe WAL size", s -> s.safeWalSize() == null ? "unlimited" : bytes(s.safeWalSize()), 110));
        slots.getColumns().add(Tables.text("invalidated", s -> s.invalidationReason() == null ? "" : s.invalidationReason(), 110));
        slots.setItems(model.slots());
        slots.setPrefHeight(120);

        Label receiver = label("replication-receiver", model.standbyProperty());
        receiver.textProperty().bind(model.receiverProperty());
        Label replay = label("replication-replay", model.standbyProperty());
        replay.textProperty().bind(model.replayProperty());
        Label conflicts = label("replication-conflicts", model.standbyProperty());
        conflicts.textProperty().bind(model.conflictsProperty());
        VBox standby = new VBox(6, new Label("This standby"), receiver, replay, conflicts);
        standby.setId("replication-standby-panel");
        standby.visibleProperty().bind(model.standbyProperty());
        standby.managedProperty().bind(standby.visibleProperty());

        Label archiver = new Label();
        archiver.setId("replication-archiver");
        archiver.textProperty().bind(model.archiverProperty());

        HBox charts = new HBox(12, lagTime.node(), lagBytes.node());
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));

        VBox content = new VBox(12, freshness, tiles, nothing, standby, primary, new Label("Replication slots"), slots,
                new HBox(6, new Label("WAL archiving:"), archiver), charts);
        content.setPadding(new Insets(16));
        content.setId("replication");
        root = new ScrollPane(content);
        root.setFitToWidth(true);
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw(at));
    }

    private static Label label(String id, javafx.beans.value.ObservableBooleanValue visible) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.visibleProperty().bind(visible);
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void redraw(Instant now) {
        var points = model.lagHistory().since(now.minus(CHART_WINDOW));
        lagTime.line("replay lag (s)", points, ReplicationViewModel.LagPoint::seconds);
        lagBytes.line("not replayed (kB)", points, p -> p.bytes() / 1024.0);
    }

    private static String age(Duration d) {
        return d == null ? "–" : Formats.age(d);
    }

    private static String bytes(Long b) {
        return b == null ? "–" : Formats.bytes(b);
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
