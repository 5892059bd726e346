package io.pgdeck.ui.explain;

import io.pgdeck.catalog.Formats;
import io.pgdeck.explain.ExplainResult;
import io.pgdeck.explain.Insight;
import io.pgdeck.explain.ReadOnlyQuery;
import io.pgdeck.ui.Page;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The EXPLAIN workbench: the SQL editor and options on top, below the plan as a tree with a bar
 * of each node's share of the time, the selected node's detail and the insights beside it; tabs
 * to compare node by node with a pinned "before" plan, for a read-only Run's rows, for the
 * history and for the raw JSON. Ctrl+Enter explains, Ctrl+Shift+Enter runs.
 */
public final class ExplainView implements Page {

    public static final Ikon ICON = MaterialDesignF.FILE_TREE_OUTLINE;

    public static final String TITLE = "EXPLAIN workbench";

    private final ExplainViewModel model;
    private final QueryViewModel query;
    private final VBox root;
    private final SqlEditor editor;
    private final PlanTree plan = new PlanTree("plan-tree", "Type a statement and press Ctrl+Enter, or paste a JSON plan");
    private final ResultGrid grid = new ResultGrid();
    private final TabPane tabs = new TabPane();
    private final Tab resultTab;

    public ExplainView(ExplainViewModel model, QueryViewModel query) {
        this.model = model;
        this.query = query;
        this.editor = new SqlEditor(model.sqlProperty());

        Button run = new Button("Explain", new FontIcon("mdi2p-play"));
        run.setId("explain-run");
        run.setTooltip(new Tooltip("Ctrl+Enter"));
        run.setDefaultButton(false);
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.busyProperty());
        Button runQuery = new Button("Run", new FontIcon("mdi2t-table-eye"));
        runQuery.setId("query-run");
        runQuery.setTooltip(new Tooltip("Ctrl+Shift+Enter: the first " + String.format(java.util.Locale.ROOT, "%,d",
                ReadOnlyQuery.MAX_ROWS) + " rows, in a read-only transaction that is rolled back"));
        runQuery.setOnAction(e -> runQuery());
        runQuery.disableProperty().bind(query.busyProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("explain-cancel");
        cancel.setOnAction(e -> {
            model.cancel();
            query.cancel();
        });
        cancel.visibleProperty().bind(model.busyProperty().or(query.busyProperty()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        CheckBox generic = option("GENERIC_PLAN", "opt-generic-plan", model.genericPlanProperty());
        generic.setTooltip(new Tooltip("PostgreSQL 16+: plan a statement with $1 parameters without values"));
        generic.setVisible(model.genericPlanAvailable());
        generic.setManaged(model.genericPlanAvailable());
        Button paste = new Button("Paste plan…", new FontIcon("mdi2c-content-paste"));
        paste.setId("explain-paste");
        paste.setOnAction(e -> askForPlan());
        Button pin = new Button("Pin as before", new FontIcon("mdi2p-pin-outline"));
        pin.setId("explain-pin");
        pin.setOnAction(e -> {
            model.pinAsBefore();
            tabs.getSelectionModel().select(1);
        });
        pin.disableProperty().bind(model.analysisProperty().isNull());
        Button export = new Button("Export JSON…", new FontIcon("mdi2c-content-save-outline"));
        export.setId("explain-export");
        export.setOnAction(e -> export());
        export.disableProperty().bind(model.analysisProperty().isNull());
        // wraps instead of cutting its buttons to "E..." at 1024 px
        FlowPane toolbar = new FlowPane(10, 6, run, runQuery, cancel,
                option("ANALYZE", "opt-analyze", model.analyzeProperty()),
                option("BUFFERS", "opt-buffers", model.buffersProperty()),
                option("VERBOSE", "opt-verbose", model.verboseProperty()),
                option("SETTINGS", "opt-settings", model.settingsProperty()),
                option("WAL", "opt-wal", model.walProperty()), generic,
                paste, pin, export);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));

        Label message = new Label();
        message.setId("explain-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.styleProperty().bind(Bindings.when(model.failedProperty())
                .then("-fx-text-fill: -color-danger-fg;").otherwise("-fx-text-fill: -color-fg-muted;"));

        ListView<Insight> insights = new ListView<>(model.insights());
        insights.setId("insights");
        insights.setPlaceholder(new Label("No insights: nothing in this plan stands out"));
        insights.setCellFactory(v -> new InsightCell(insights));
        insights.getSelectionModel().selectedItemProperty().addListener((o, was, i) -> {
            if (i != null) {
                plan.select(i.nodeId());
            }
        });
        insights.setMinWidth(260);
        TextArea detail = new TextArea();
        detail.setId("node-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("sql");
        detail.setPromptText("Select a node to see its conditions, rows, buffers and everything EXPLAIN said of it");
        detail.textProperty().bind(model.nodeDetailProperty());
        plan.node().getSelectionModel().selectedItemProperty().addListener((o, was, item) -> {
            if (item != null) {
                model.selectedNodeProperty().set(item.getValue());
            }
        });
        SplitPane side = new SplitPane(detail, insights);
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.6);
        SplitPane planPane = new SplitPane(plan.node(), side);
        planPane.setDividerPositions(0.6);

        Label comparison = new Label();
        comparison.setId("comparison");
        comparison.getStyleClass().add("title-4");
        comparison.textProperty().bind(Bindings.when(model.comparisonProperty().isEmpty())
                .then("Pin the current plan as \"before\", change the query or add an index, explain again:"
                        + " the two plans show side by side.")
                .otherwise(model.comparisonProperty()));
        comparison.setWrapText(true);
        javafx.scene.control.TableView<NodeMatch> matches = CompareTable.create(model.matches());
        VBox comparePane = new VBox(8, comparison, matches);
        VBox.setVgrow(matches, Priority.ALWAYS);
        comparePane.setPadding(new Insets(8, 0, 0, 0));

        ListView<ExplainResult> history = new ListView<>(model.history());
        history.setId("explain-history");
        history.setPlaceholder(new Label("Nothing explained yet"));
        history.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ExplainResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : Formats.clock(r.at()) + "  " + ExplainViewModel.summary(r.analysis())
                        + "  " + Formats.oneLine(r.statement(), 140));
            }
        });
        history.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && history.getSelectionModel().getSelectedItem() != null) {
                model.restore(history.getSelectionModel().getSelectedItem());
                tabs.getSelectionModel().select(0);
            }
        });

        TextArea json = new TextArea();
        json.setId("plan-json");
        json.setEditable(false);
        json.getStyleClass().add("sql");

        resultTab = new Tab("Result", resultPane());
        tabs.getTabs().addAll(new Tab("Plan", planPane), new Tab("Compare", comparePane), resultTab,
                new Tab("History", history), new Tab("JSON", json));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane body = new SplitPane(editor.node(), tabs);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.28);
        VBox.setVgrow(body, Priority.ALWAYS);

        root = new VBox(8, toolbar, message, body);
        root.setPadding(new Insets(12));
        root.setId("explain");
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown() && e.isShiftDown()) {
                runQuery();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                model.run();
                e.consume();
            }
        });

        model.analysisProperty().addListener((o, was, now) -> {
            plan.show(now);
            json.setText(model.planJson());
        });
        // built by the click that opened it ("Explain…" on a slow query): show what is there already
        plan.show(model.analysisProperty().get());
        json.setText(model.planJson());
        model.errorPositionProperty().addListener((o, was, at) -> editor.markError(at.intValue()));
        query.errorPositionProperty().addListener((o, was, at) -> editor.markError(at.intValue()));
        query.resultProperty().addListener((o, was, now) -> grid.show(now));
    }

    /**
     * Loads the classes of the workbench's heaviest controls, on the calling thread. Cold, the page
     * took 3 s to build (RichTextFX's CodeArea alone 1.6 s) inside the "Explain…" click that first
     * opens it, and the window froze meanwhile, so the click seemed to do nothing. Only classes,
     * never instances: a CodeArea made off the JavaFX thread starts its caret's animation there,
     * and the window then missed repaints of the plan.
     */
    static void preload() throws ClassNotFoundException {
        for (String name : List.of("org.fxmisc.richtext.CodeArea", "org.fxmisc.richtext.LineNumberFactory",
                "org.fxmisc.richtext.model.StyleSpansBuilder", "org.fxmisc.flowless.VirtualizedScrollPane",
                "org.fxmisc.flowless.VirtualFlow", "javafx.scene.control.TreeTableView",
                "javafx.scene.control.skin.TreeTableViewSkin", "javafx.scene.control.skin.TableViewSkin",
                "javafx.scene.control.skin.TabPaneSkin", "javafx.scene.control.skin.SplitPaneSkin")) {
            Class.forName(name, true, ExplainView.class.getClassLoader());
        }
    }

    private void runQuery() {
        tabs.getSelectionModel().select(resultTab);
        query.run();
    }

    private VBox resultPane() {
        Label status = new Label();
        status.setId("query-message");
        status.setWrapText(true);
        status.textProperty().bind(query.messageProperty());
        status.styleProperty().bind(Bindings.when(query.failedProperty())
                .then("-fx-text-fill: -color-danger-fg;").otherwise("-fx-text-fill: -color-fg-muted;"));
        Button csv = new Button("Export CSV…", new FontIcon("mdi2f-file-delimited-outline"));
        csv.setId("query-export");
        csv.disableProperty().bind(query.resultProperty().isNull());
        csv.setOnAction(e -> exportCsv());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, status, spacer, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox pane = new VBox(8, bar, grid.node());
        VBox.setVgrow(grid.node(), Priority.ALWAYS);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private void exportCsv() {
        File file = saveAs("Export the rows as CSV", "rows.csv", "CSV");
        if (file != null) {
            query.exportCsv(file.toPath());
        }
    }

    private static CheckBox option(String text, String id, javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setMnemonicParsing(false); // GENERIC_PLAN keeps its underscore
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private void askForPlan() {
        TextArea text = new TextArea();
        text.setId("paste-plan-text");
        text.setPromptText("[ { \"Plan\": { \"Node Type\": ... } } ]");
        text.setPrefSize(640, 360);
        text.getStyleClass().add("sql");
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.setTitle("Analyse a plan");
        dialog.setHeaderText("Paste the output of EXPLAIN (FORMAT JSON), from psql, a log or a colleague");
        dialog.getDialogPane().setContent(text);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? text.getText() : null);
        dialog.showAndWait().ifPresent(json -> {
            model.analyseJson(json);
            tabs.getSelectionModel().select(0);
        });
    }

    private void export() {
        File file = saveAs("Export the plan as JSON", "plan.json", "JSON");
        if (file != null) {
            model.exportJson(file.toPath());
        }
    }

    /** The file the user chose to write, or null. */
    private File saveAs(String title, String name, String kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*" + name.substring(name.lastIndexOf('.'))));
        return chooser.showSaveDialog(root.getScene().getWindow());
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

    /** Severity, the title in bold and the explanation, wrapped to the list's width. */
    private static final class InsightCell extends ListCell<Insight> {
        private final ListView<Insight> list;

        InsightCell(ListView<Insight> list) {
            this.list = list;
            setPrefWidth(0); // wrap to the list instead of widening it
        }

        @Override
        protected void updateItem(Insight insight, boolean empty) {
            super.updateItem(insight, empty);
            if (empty || insight == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label severity = new Label(insight.severity().name());
            severity.getStyleClass().addAll("severity", "severity-" + insight.severity().name().toLowerCase(java.util.Locale.ROOT));
            severity.setMinWidth(Region.USE_PREF_SIZE);
            Label title = wrapped(insight.title(), "text-bold");
            Label explanation = wrapped(insight.explanation(), "text-muted");
            VBox box = new VBox(3, severity, title, explanation);
            box.prefWidthProperty().bind(list.widthProperty().subtract(36));
            box.setMaxWidth(Region.USE_PREF_SIZE);
            title.prefWidthProperty().bind(box.prefWidthProperty());
            explanation.prefWidthProperty().bind(box.prefWidthProperty());
            setGraphic(box);
            setText(null);
        }

        private static Label wrapped(String text, String style) {
            Label label = new Label(text);
            label.setWrapText(true);
            label.setMinHeight(Region.USE_PREF_SIZE);
            label.getStyleClass().add(style);
            return label;
        }
    }
}
