package io.pgdeck.ui.bloat;

import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.RunningVacuum;
import io.pgdeck.ui.ActionProgressBar;
import io.pgdeck.ui.StandbyNote;
import io.pgdeck.ui.MetricTile;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.StackedBars;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;

/** Bloat & vacuum: tiles, four charts, the vacuum and analyze buttons, and tables per concern. */
public final class BloatView implements Page {

    public static final String TITLE = "Bloat & vacuum";
    public static final Ikon ICON = MaterialDesignB.BROOM;

    /** Instead of a 0 B estimate the role could not make: the statistics column says which grant shows it. */
    static final String HIDDEN = "hidden by privileges";
    static final int TOP = 8;
    static final double MB = 1024.0 * 1024.0;

    private final BloatViewModel model;
    private final VBox root;
    private final StackedBars tableBars = new StackedBars("Tables: live and estimated bloat", "MB");
    private final StackedBars indexBars = new StackedBars("Btree indexes: live and estimated bloat", "MB");
    private final TimeChart deadTuples = TimeChart.lines("Dead tuples of the chosen table", "dead tuples");
    private final TimeChart size = TimeChart.lines("Size of this database", "MB");
    private final TabPane tabs = new TabPane();
    private final TableView<TableRow> tablesTable = Tables.table("No tables read yet");
    private final TableView<IndexBloat> indexTable = Tables.table("No btree indexes read yet");

    public BloatView(BloatViewModel model) {
        this.model = model;
        Label estimates = freshness(model.estimatesFreshness().textProperty(), "estimates ");
        Label counters = freshness(model.vacuumFreshness().textProperty(), "vacuum counters ");
        Label hint = new Label();
        hint.setId("pgstattuple-hint");
        hint.textProperty().bind(model.hintProperty());
        hint.getStyleClass().add("hint");
        hint.visibleProperty().bind(model.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());

        FlowPane tiles = new FlowPane(12, 12,
                new MetricTile("estimated bloat (tables + btrees)", model.wastedProperty()),
                new MetricTile("tables past their autovacuum threshold", model.vacuumDueProperty()),
                new MetricTile("oldest transaction ID age", model.oldestXidProperty()),
                new MetricTile("vacuums running", model.runningCountProperty()));

        HBox charts = new HBox(12, tableBars.node(), indexBars.node(), deadTuples.node(), size.node());
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        charts.setPrefHeight(250);
        charts.setMinHeight(250);

        buildTablesTable();
        buildIndexTable();
        tabs.getTabs().addAll(new Tab("Tables", tablesTable), new Tab("Btree indexes", indexTable),
                new Tab("Running vacuums", runningTable()), new Tab("Transaction ID age", xidTable()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        root = new VBox(10, new HBox(16, estimates, counters), hint, tiles, charts, actionBar(), tabs);
        root.setPadding(new Insets(16));
        root.setId("bloat");
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw());
    }

    private VBox actionBar() {
        Button vacuum = new Button("Vacuum…");
        vacuum.setId("vacuum-table");
        CheckBox analyze = new CheckBox("ANALYZE");
        analyze.setId("vacuum-analyze");
        analyze.selectedProperty().bindBidirectional(model.withAnalyzeProperty());
        CheckBox freeze = new CheckBox("FREEZE");
        freeze.setId("vacuum-freeze");
        freeze.selectedProperty().bindBidirectional(model.withFreezeProperty());
        Button analyzeOnly = new Button("Analyze…");
        analyzeOnly.setId("analyze-table");
        vacuum.setOnAction(e -> model.vacuum(model.selectedProperty().get()));
        analyzeOnly.setOnAction(e -> model.analyze(model.selectedProperty().get()));
        vacuum.disableProperty().bind(model.actions().busyProperty().or(model.selectedProperty().isNull()));
        analyzeOnly.disableProperty().bind(vacuum.disableProperty());
        HBox buttons = new HBox(8, vacuum, analyze, freeze, analyzeOnly);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(model.actions().writesAllowedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());
        buttons.getChildren().forEach(n -> ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));

        // reading, not maintenance: stays in read-only mode
        Button measure = new Button("Measure exactly");
        measure.setId("measure-exactly");
        measure.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        measure.setOnAction(e -> model.measureExactly(chosenRelation()));
        Label measured = new Label();
        measured.setId("measure-message");
        measured.textProperty().bind(model.measureMessageProperty());
        HBox first = new HBox(16, buttons, measure, measured);
        first.setAlignment(Pos.CENTER_LEFT);

        Label actionMessage = new Label();
        actionMessage.setId("bloat-action-message");
        actionMessage.textProperty().bind(model.actions().messageProperty());
        HBox second = new HBox(12, new ActionProgressBar(model.actions()), actionMessage);
        second.setAlignment(Pos.CENTER_LEFT);
        second.visibleProperty().bind(model.actions().writesAllowedProperty()
                .and(model.actions().busyProperty().or(model.actions().messageProperty().isNotEmpty())));
        second.managedProperty().bind(second.visibleProperty());
        Label standby = StandbyNote.of(model.actions(), "Last (auto)vacuum \"never\" here means vacuum runs on the"
                + " primary; this standby's counters are its own.");
        standby.setId("bloat-standby-note");
        return new VBox(6, standby, first, second);
    }

    private RelationName chosenRelation() {
        if (tabs.getSelectionModel().getSelectedItem().getContent() == indexTable) {
            IndexBloat index = indexTable.getSelectionModel().getSelectedItem();
            return index == null ? null : index.index();
        }
        return model.selectedProperty().get();
    }

    private void buildTablesTable() {
        TableView<TableRow> t = tablesTable;
        t.setId("bloat-tables");
        t.getColumns().add(Tables.text("table", r -> r.table().toString(), 260));
        t.getColumns().add(Tables.sorted("size", r -> r.sizeBytes() < 0 ? "…" : Formats.bytes(r.sizeBytes()),
                TableRow::sizeBytes, 90));
        t.getColumns().add(Tables.sorted("est. bloat", r -> r.wastedBytes() < 0 ? "…"
                : r.estimate().hiddenNote().isPresent() ? HIDDEN
                : Formats.bytes(r.wastedBytes()) + " (" + percent(r.wastedRatio()) + ")", TableRow::wastedBytes, 130));
        t.getColumns().add(Tables.text("statistics", r -> r.estimate() == null ? ""
                : r.estimate().hiddenNote().orElse(r.estimate().statistics().name().toLowerCase().replace('_', ' ')), 110));
        t.getColumns().add(Tables.text("exact (pgstattuple)", r -> r.exact() == null ? ""
                : Formats.bytes(r.exact().wastedBytes()) + " (" + percent(r.exact().wastedRatio()) + ")", 150));
        t.getColumns().add(Tables.sorted("dead tuples", r -> r.deadTuples() < 0 ? "…" : Formats.count(r.deadTuples())
                + " (" + percent(r.deadRatio()) + ")", TableRow::deadTuples, 140));
        t.getColumns().add(Tables.sorted("last vacuum", r -> ago(r.vacuum() == null ? null : r.vacuum().lastVacuum()),
                r -> epoch(r.vacuum() == null ? null : r.vacuum().lastVacuum()), 110));
        t.getColumns().add(Tables.sorted("last autovacuum", r -> ago(r.vacuum() == null ? null : r.vacuum().lastAutovacuum()),
                r -> epoch(r.vacuum() == null ? null : r.vacuum().lastAutovacuum()), 120));
        t.getColumns().add(Tables.sorted("last analyze", r -> ago(r.vacuum() == null ? null : r.vacuum().lastAnalyze()),
                r -> epoch(r.vacuum() == null ? null : r.vacuum().lastAnalyze()), 110));
        t.getColumns().add(Tables.sorted("last autoanalyze", r -> ago(r.vacuum() == null ? null : r.vacuum().lastAutoanalyze()),
                r -> epoch(r.vacuum() == null ? null : r.vacuum().lastAutoanalyze()), 125));
        t.getColumns().add(Tables.text("autovacuum", TableRow::autovacuum, 170));
        t.getColumns().add(Tables.sorted("xid age", r -> percent(r.freezeAgeRatio()) + " of max", TableRow::freezeAgeRatio, 110));
        t.setItems(model.tables());
        t.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                model.selectedProperty().set(row.table());
            }
        });
    }

    private void buildIndexTable() {
        TableView<IndexBloat> t = indexTable;
        t.setId("bloat-indexes");
        t.getColumns().add(Tables.text("index", i -> i.index().toString(), 300));
        t.getColumns().add(Tables.text("table", IndexBloat::table, 200));
        t.getColumns().add(Tables.sorted("size", i -> i.sizeBytes() == null ? "…" : Formats.bytes(i.sizeBytes()),
                IndexBloat::sizeBytes, 90));
        t.getColumns().add(Tables.sorted("est. bloat", i -> i.hiddenNote().isPresent() ? HIDDEN
                : Formats.bytes(i.wastedBytes()) + " (" + percent(i.wastedRatio()) + ")", IndexBloat::wastedBytes, 130));
        t.getColumns().add(Tables.sorted("fillfactor", i -> i.fillfactor() + " %", IndexBloat::fillfactor, 90));
        t.getColumns().add(Tables.text("statistics", i -> i.hiddenNote()
                .orElse(i.statistics().name().toLowerCase().replace('_', ' ')), 120));
        t.setItems(model.indexes());
    }

    private TableView<RunningVacuum> runningTable() {
        TableView<RunningVacuum> t = Tables.table("No vacuum is running");
        t.setId("running-vacuums");
        t.getColumns().add(Tables.text("pid", v -> Integer.toString(v.pid()), 70));
        t.getColumns().add(Tables.text("database", RunningVacuum::database, 130));
        t.getColumns().add(Tables.text("table", v -> v.table() == null ? "(other database, or hidden)" : v.table().toString(), 260));
        t.getColumns().add(Tables.text("by", v -> v.autovacuum() ? "autovacuum" : "VACUUM", 100));
        t.getColumns().add(Tables.text("phase", RunningVacuum::phase, 200));
        t.getColumns().add(Tables.text("heap scanned", v -> v.scannedRatio() < 0 ? "–" : percent(v.scannedRatio())
                + " of " + Formats.count(v.heapBlocksTotal()) + " blocks", 200));
        t.getColumns().add(Tables.text("index passes", v -> Long.toString(v.indexVacuumCount()), 100));
        t.getColumns().add(Tables.text("running for", v -> v.startedAt() == null ? ""
                : Formats.age(Duration.between(v.startedAt(), OffsetDateTime.now())), 110));
        t.setItems(model.running());
        return t;
    }

    private TableView<DatabaseXidAge> xidTable() {
        TableView<DatabaseXidAge> t = Tables.table("No databases read yet");
        t.setId("xid-ages");
        t.getColumns().add(Tables.text("database", DatabaseXidAge::database, 200));
        t.getColumns().add(Tables.sorted("age(datfrozenxid)", d -> Formats.count(d.age()), DatabaseXidAge::age, 150));
        t.getColumns().add(Tables.sorted("of autovacuum_freeze_max_age", d -> percent(d.freezeMaxAgeRatio()),
                DatabaseXidAge::freezeMaxAgeRatio, 220));
        t.getColumns().add(Tables.sorted("of wraparound (2^31)", d -> percent(d.wraparoundRatio()),
                DatabaseXidAge::wraparoundRatio, 170));
        t.setItems(model.databases());
        return t;
    }

    private void redraw() {
        var report = model.reportProperty().get();
        tableBars.bars(List.of("live", "bloat"), report.topTables(TOP), t -> t.table().toString(),
                (t, part) -> (part.equals("bloat") ? t.wastedBytes() : live(t.sizeBytes(), t.wastedBytes())) / MB);
        indexBars.bars(List.of("live", "bloat"), report.topIndexes(TOP), i -> i.index().name(),
                (i, part) -> (part.equals("bloat") ? i.wastedBytes() : live(i.sizeBytes(), i.wastedBytes())) / MB);
        RelationName chosen = model.selectedProperty().get();
        if (chosen != null) {
            deadTuples.chart().setTitle("Dead tuples of " + chosen);
            deadTuples.line("dead tuples", model.deadTupleHistory(chosen).points(), Long::doubleValue);
        }
        size.line(model.database() + " (MB)", model.sizeHistory().since(Instant.now().minus(Duration.ofHours(6))),
                (Long b) -> b / MB);
    }

    private static double live(Long size, long wasted) {
        return size == null ? 0 : Math.max(0, size - wasted);
    }

    private static Label freshness(javafx.beans.value.ObservableValue<String> text, String prefix) {
        Label label = new Label();
        label.getStyleClass().add("freshness");
        label.textProperty().bind(javafx.beans.binding.Bindings.concat(prefix, text));
        return label;
    }

    static String ago(OffsetDateTime at) {
        return at == null ? "never" : Formats.age(Duration.between(at, OffsetDateTime.now())) + " ago";
    }

    private static long epoch(OffsetDateTime at) {
        return at == null ? Long.MIN_VALUE : at.toEpochSecond();
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", ratio * 100);
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
