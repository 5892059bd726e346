package io.pgdeck.ui.matviews;

import io.pgdeck.catalog.Formats;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** Materialized views: the table, refresh one or all in dependency order, elapsed time and cancel. */
public final class MatviewsView implements Page {

    public static final String TITLE = "Materialized views";
    public static final Ikon ICON = MaterialDesignT.TABLE_REFRESH;

    private final MatviewsViewModel model;
    private final VBox root;
    private final Label elapsed = new Label();

    public MatviewsView(MatviewsViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label summary = new Label();
        summary.setId("matview-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        TableView<MatviewRow> table = Tables.table("No materialized views in this database");
        table.setId("matviews");
        table.getColumns().add(Tables.sorted("order", r -> Integer.toString(r.order()), MatviewRow::order, 60));
        table.getColumns().add(Tables.text("materialized view", r -> r.matview().qualifiedName(), 300));
        table.getColumns().add(Tables.text("populated", r -> r.matview().populated() ? "yes" : "NO", 105));
        table.getColumns().add(Tables.sorted("est. rows", r -> r.matview().estimatedRows() < 0 ? "?"
                : Formats.count(r.matview().estimatedRows()), r -> r.matview().estimatedRows(), 90));
        table.getColumns().add(Tables.sorted("size", r -> Formats.bytes(r.matview().sizeBytes()),
                r -> r.matview().sizeBytes(), 80));
        table.getColumns().add(Tables.text("pgdeck's last refresh", r -> r.lastRefresh()
                .map(l -> Formats.clock(l.at()) + " (" + l.outcome().toLowerCase() + ")").orElse("none by pgdeck"), 170));
        table.getColumns().add(Tables.text("took", r -> r.lastRefresh()
                .map(l -> Formats.age(l.took()) + (l.alone() ? "" : " (all)")).orElse(""), 100));
        table.getColumns().add(Tables.text("refresh", r -> r.matview().refreshableConcurrently()
                ? "concurrently" : "plain (ACCESS EXCLUSIVE)", 215));
        table.getColumns().add(Tables.text("reads matviews", r -> String.join(", ", r.matview().dependsOn()), 250));
        table.getColumns().add(Tables.text("unique index", r -> r.matview().uniqueIndex() == null ? "none"
                : r.matview().uniqueIndex(), 220));
        table.setItems(model.rows());
        VBox.setVgrow(table, Priority.ALWAYS);

        Button refresh = new Button("Refresh…");
        refresh.setId("refresh-matview");
        refresh.setOnAction(e -> model.refresh(selected(table)));
        Button refreshAll = new Button("Refresh all in dependency order…");
        refreshAll.setId("refresh-all-matviews");
        refreshAll.setOnAction(e -> model.refreshAll());
        refresh.disableProperty().bind(model.actions().busyProperty());
        refreshAll.disableProperty().bind(model.actions().busyProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-refresh");
        cancel.getStyleClass().add("danger");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.actions().busyProperty().not());
        elapsed.setId("refresh-elapsed");
        Label message = new Label();
        message.textProperty().bind(model.actions().messageProperty());
        HBox buttons = new HBox(8, refresh, refreshAll, cancel, elapsed, message);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(model.actions().writesAllowedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());

        // The elapsed time is a clock on screen, not data: the view ticks it while a refresh runs.
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> showElapsed()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        model.runningSinceProperty().addListener((o, a, since) -> {
            showElapsed();
            if (since == null) {
                ticker.stop();
            } else {
                ticker.play();
            }
        });

        root = new VBox(10, freshness, summary, buttons, table);
        root.setPadding(new Insets(16));
        root.setId("matviews-screen");
    }

    private static io.pgdeck.catalog.Matview selected(TableView<MatviewRow> table) {
        MatviewRow row = table.getSelectionModel().getSelectedItem();
        return row == null ? null : row.matview();
    }

    private void showElapsed() {
        Instant since = model.runningSinceProperty().get();
        elapsed.setText(since == null ? "" : "running for " + Formats.age(java.time.Duration.between(since, Instant.now())));
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
