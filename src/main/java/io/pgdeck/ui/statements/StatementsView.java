package io.pgdeck.ui.statements;

import io.pgdeck.catalog.ActiveQueryGroup;
import io.pgdeck.catalog.Formats;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * Slow queries: pg_stat_statements as rates over a chosen window, sortable and filterable, the
 * selected statement's full text and charts below; the fallback from pg_stat_activity when the
 * extension is missing.
 */
public final class StatementsView implements Page {

    public static final String TITLE = "Slow queries";
    public static final Ikon ICON = MaterialDesignT.TIMER_SAND;

    private final StatementsViewModel model;
    private final VBox root;
    private final TimeChart callsChart = TimeChart.lines("Calls per second", "calls/s");
    private final TimeChart meanChart = TimeChart.lines("Mean time", "ms");
    private final TextArea queryText = new TextArea();
    private final Label figures = new Label();

    public StatementsView(StatementsViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label hint = new Label();
        hint.setId("statements-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(model.hintProperty());
        hint.getStyleClass().add("hint");
        hint.visibleProperty().bind(model.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        Label summary = new Label();
        summary.setId("statements-summary");
        summary.getStyleClass().add("title-4");
        summary.textProperty().bind(model.summaryProperty());

        Node statements = statementsPane();
        statements.visibleProperty().bind(model.availableProperty());
        statements.managedProperty().bind(statements.visibleProperty());
        Node fallback = fallbackTable();
        fallback.visibleProperty().bind(model.availableProperty().not());
        fallback.managedProperty().bind(fallback.visibleProperty());
        VBox.setVgrow(statements, Priority.ALWAYS);
        VBox.setVgrow(fallback, Priority.ALWAYS);

        Label hidden = new Label();
        hidden.setId("statements-hidden");
        hidden.setWrapText(true);
        hidden.textProperty().bind(model.hiddenProperty());
        hidden.getStyleClass().add("hint");
        hidden.visibleProperty().bind(model.hiddenProperty().isNotEmpty());
        hidden.managedProperty().bind(hidden.visibleProperty());
        root = new VBox(10, freshness, hint, hidden, summary, statements, fallback);
        root.setPadding(new Insets(16));
        root.setId("slow-queries");
        model.detailProperty().addListener((o, a, d) -> showDetail(d));
    }

    private Node statementsPane() {
        ChoiceBox<StatementWindow> window = new ChoiceBox<>();
        window.setId("statements-window");
        window.getItems().setAll(StatementWindow.values());
        window.valueProperty().bindBidirectional(model.windowProperty());
        TextField filter = new TextField();
        filter.setId("statements-filter");
        filter.setPromptText("filter by text");
        filter.setPrefColumnCount(12);
        filter.textProperty().bindBidirectional(model.textFilterProperty());
        ChoiceBox<String> database = new ChoiceBox<>(model.databases());
        database.setId("statements-database");
        database.valueProperty().bindBidirectional(model.databaseProperty());
        ChoiceBox<String> user = new ChoiceBox<>(model.users());
        user.setId("statements-user");
        user.valueProperty().bindBidirectional(model.userProperty());

        CheckBox own = new CheckBox("show pgdeck's own");
        own.setId("statements-own");
        own.setMinWidth(Region.USE_PREF_SIZE);
        own.selectedProperty().bindBidirectional(model.showOwnProperty());

        Button reset = new Button("Reset statistics…");
        reset.setId("reset-statements");
        reset.getStyleClass().add("danger");
        reset.setOnAction(e -> model.resetStatistics());
        reset.disableProperty().bind(model.actions().busyProperty());
        reset.visibleProperty().bind(model.actions().readOnlyProperty().not());
        reset.managedProperty().bind(reset.visibleProperty());
        Label actionMessage = new Label();
        actionMessage.textProperty().bind(model.actions().messageProperty());
        Label over = new Label("Rates over the");
        over.setMinWidth(Region.USE_PREF_SIZE);
        reset.setMinWidth(Region.USE_PREF_SIZE);
        for (javafx.scene.control.Control c : List.of(window, database, user)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        // wraps rather than widening the page past the window: at 1024x700 one row did not fit
        FlowPane controls = new FlowPane(8, 6, over, window, filter, database, user, own, actionMessage, reset);
        controls.setAlignment(Pos.CENTER_LEFT);

        TableView<StatementRates> table = StatementsTable.create(model);
        SplitPane split = new SplitPane(table, detailPane(table));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox pane = new VBox(10, controls, split);
        VBox.setVgrow(split, Priority.ALWAYS);
        return pane;
    }

    private Node detailPane(TableView<StatementRates> table) {
        queryText.setId("statement-text");
        queryText.setEditable(false);
        queryText.setWrapText(true);
        queryText.getStyleClass().add("sql");
        queryText.setPromptText("Select a statement to see its full text and history");
        Button explain = new Button("Explain…");
        explain.setId("explain-statement");
        explain.setOnAction(e -> model.explain(table.getSelectionModel().getSelectedItem()));
        explain.disableProperty().bind(model.detailProperty().isNull());
        explain.setMinWidth(Region.USE_PREF_SIZE);
        figures.setId("statement-figures");
        figures.setWrapText(true);
        HBox buttons = new HBox(8, explain, figures);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(6, queryText, buttons);
        VBox.setVgrow(queryText, Priority.ALWAYS);
        // the full text first: on a narrow window the charts give up width, not the statement
        text.setPrefWidth(420);
        text.setMinWidth(220);
        for (TimeChart chart : List.of(callsChart, meanChart)) {
            ((Region) chart.node()).setMinWidth(150); // 200 each made the page wider than a 1024 px window
        }
        HBox detail = new HBox(12, text, callsChart.node(), meanChart.node());
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox.setHgrow(callsChart.node(), Priority.SOMETIMES);
        HBox.setHgrow(meanChart.node(), Priority.SOMETIMES);
        detail.setPadding(new Insets(8, 0, 0, 0));
        detail.setMinHeight(200);
        return detail;
    }

    private Node fallbackTable() {
        TableView<ActiveQueryGroup> table = Tables.table("No client query is running right now");
        table.setId("active-query-groups");
        table.getColumns().add(Tables.sorted("running", g -> Integer.toString(g.running()), ActiveQueryGroup::running, 80));
        table.getColumns().add(Tables.sorted("oldest", g -> Formats.age(g.oldest()), ActiveQueryGroup::oldest, 100));
        table.getColumns().add(Tables.sorted("total age", g -> Formats.age(g.total()), ActiveQueryGroup::total, 100));
        table.getColumns().add(Tables.text("database", ActiveQueryGroup::database, 120));
        table.getColumns().add(Tables.text("user", ActiveQueryGroup::user, 100));
        table.getColumns().add(Tables.text("query (literals removed)", g -> Formats.oneLine(g.normalizedQuery(), 300), 640));
        table.setItems(model.activeQueries());
        Label caption = new Label("Active queries now, grouped by text (from pg_stat_activity)");
        VBox box = new VBox(6, caption, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private void showDetail(StatementDetail d) {
        if (d == null) {
            queryText.setText("");
            figures.setText("");
            callsChart.line("calls/s", List.of(), p -> 0);
            meanChart.line("mean (ms)", List.of(), p -> 0);
            return;
        }
        if (!d.query().equals(queryText.getText())) {
            queryText.setText(d.query());
        }
        StatementRates r = d.rates();
        figures.setText(String.format(Locale.ROOT, "%s · %s · %s calls, mean %s, max %s, %s rows/call",
                nonNull(r.statement().user()), nonNull(r.statement().database()), StatementFormats.number(r.calls()),
                StatementFormats.millis(r.meanMillis()), StatementFormats.millis(r.maxMillis()),
                StatementFormats.number(r.rowsPerCall())));
        callsChart.line("calls/s", d.series(), p -> p.callsPerSecond());
        meanChart.line("mean (ms)", d.series(), p -> p.meanMillis());
    }

    private static String nonNull(String s) {
        return s == null ? "–" : s;
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
