package io.pgdeck.ui.indexes;

import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.MissingIndexHint;
import io.pgdeck.ui.ActionProgressBar;
import io.pgdeck.ui.StandbyNote;
import io.pgdeck.ui.Page;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/** Index usage: flagged indexes with why, missing-index hints, and reindex / drop buttons with progress. */
public final class IndexesView implements Page {

    public static final String TITLE = "Index usage";
    public static final Ikon ICON = MaterialDesignF.FORMAT_LIST_BULLETED_SQUARE;

    private final VBox root;

    public IndexesView(IndexesViewModel model) {
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(Bindings.concat("counters ", model.freshness().textProperty(),
                "; definitions and sizes ", model.definitionsFreshness().textProperty()));
        Label summary = new Label();
        summary.setId("index-summary");
        summary.getStyleClass().add("title-4");
        summary.textProperty().bind(model.summaryProperty());
        Label window = new Label();
        window.setId("stats-window");
        window.textProperty().bind(Bindings.concat(model.statsWindowProperty(),
                ". An index unused for an hour is not an unused index: judge over a full business cycle."));

        ChoiceBox<IndexFilter> filter = new ChoiceBox<>();
        filter.setId("index-filter");
        filter.getItems().setAll(IndexFilter.values());
        filter.valueProperty().bindBidirectional(model.filterProperty());

        TableView<IndexReport> table = IndexTables.indexes(model.indexes());
        TableView<MissingIndexHint> hints = IndexTables.missingIndexes(model.missingIndexes());
        ObservableValue<IndexReport> selected = table.getSelectionModel().selectedItemProperty();
        Label why = new Label("Select an index to see why it is flagged.");
        why.setId("index-why");
        why.setWrapText(true);
        why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        why.textProperty().bind(Bindings.createStringBinding(() -> explain(selected.getValue()), selected));

        Button reindex = new Button("Reindex…");
        reindex.setId("reindex-index");
        reindex.setOnAction(e -> model.reindex(selected.getValue()));
        Button reindexTable = new Button("Reindex table…");
        reindexTable.setId("reindex-table");
        reindexTable.setOnAction(e -> model.reindexTable(selected.getValue()));
        Button drop = new Button("Drop index…");
        drop.setId("drop-index");
        drop.getStyleClass().add("danger");
        drop.setOnAction(e -> model.drop(selected.getValue()));
        BooleanExpression busy = model.actions().busyProperty();
        BooleanBinding nothingSelected = Bindings.createBooleanBinding(() -> selected.getValue() == null, selected);
        reindex.disableProperty().bind(busy.or(nothingSelected));
        reindexTable.disableProperty().bind(busy.or(nothingSelected));
        drop.disableProperty().bind(busy.or(Bindings.createBooleanBinding(
                () -> !IndexesViewModel.canDrop(selected.getValue()), selected)));
        Label actionMessage = new Label();
        actionMessage.setId("action-message");
        actionMessage.textProperty().bind(model.actions().messageProperty());
        for (Button b : new Button[] {reindex, reindexTable, drop}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        ActionProgressBar progress = new ActionProgressBar(model.actions());
        HBox.setHgrow(progress, Priority.SOMETIMES);
        HBox buttons = new HBox(8, reindex, reindexTable, drop, progress, actionMessage);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(model.actions().writesAllowedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());

        Label leftoverText = new Label();
        leftoverText.setWrapText(true);
        leftoverText.textProperty().bind(Bindings.createStringBinding(() -> model.leftoverProperty().get() == null ? ""
                : "The reindex did not finish and left " + model.leftoverProperty().get().index().name()
                + " behind, invalid: queries never use it, writes still pay for it.", model.leftoverProperty()));
        Button dropLeftover = new Button("Drop it…");
        dropLeftover.setId("drop-leftover");
        dropLeftover.setOnAction(e -> model.dropLeftover());
        dropLeftover.disableProperty().bind(busy);
        HBox leftover = new HBox(8, leftoverText, dropLeftover);
        leftover.setId("reindex-leftover");
        leftover.setAlignment(Pos.CENTER_LEFT);
        leftover.getStyleClass().add("hint");
        leftover.visibleProperty().bind(model.leftoverProperty().isNotNull().and(model.actions().writesAllowedProperty()));
        leftover.managedProperty().bind(leftover.visibleProperty());

        HBox filterBar = new HBox(8, new Label("Show"), filter);
        filterBar.setAlignment(Pos.CENTER_LEFT);
        Label standby = StandbyNote.of(model.actions(), "Scans count this standby's queries only:"
                + " an index unused here may serve the primary.");
        standby.setId("indexes-standby-note");
        VBox upper = new VBox(6, standby, filterBar, table, why);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label hintsTitle = new Label("Tables read mostly by large sequential scans (missing index?)");
        hintsTitle.getStyleClass().add("title-4");
        VBox lower = new VBox(6, hintsTitle, hints);
        VBox.setVgrow(hints, Priority.ALWAYS);
        SplitPane split = new SplitPane(upper, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);

        root = new VBox(10, freshness, summary, window, buttons, leftover, split);
        root.setPadding(new Insets(16));
        root.setId("indexes-screen");
    }

    private static String explain(IndexReport r) {
        if (r == null) {
            return "Select an index to see why it is flagged.";
        }
        String head = r.index().schema() + "." + r.index().name() + ": ";
        return head + (r.reasons().isEmpty() ? "nothing to report; it is used or enforces a constraint." : r.explanation());
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
