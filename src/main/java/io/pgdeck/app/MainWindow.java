package io.pgdeck.app;

import atlantafx.base.theme.PrimerLight;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.catalog.Formats;
import io.pgdeck.ui.Freshness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window: the saved servers on the left, a tab per connected server in the middle, refresh
 * controls for the tab shown on top, and a status bar saying what that tab is connected to,
 * whether its data is live, and which of the open servers need attention.
 */
public final class MainWindow {

    static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final BorderPane root = new BorderPane();
    private final ServerTabs tabs = new ServerTabs();
    private final ServerList servers;
    private final StackPane center = new StackPane();
    private final VBox message = new VBox(16);
    private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    private final ChoiceBox<Duration> interval = new ChoiceBox<>();
    private final ToggleButton pause = new ToggleButton("Pause");
    private final Button refresh = new Button("Refresh");
    private final Button connect = new Button("Connect…");
    private final Label target = new Label("not connected");
    private final Label version = new Label();
    private final Label state = new Label();
    private final Label lastRefresh = new Label();
    private final Label role = new Label();
    private final Label attention = new Label();
    private final Label note = new Label();
    private Consumer<ConnectionProfile> openSaved = p -> { };

    public MainWindow() {
        servers = new ServerList(p -> openSaved.accept(p));
        interval.setId("refresh-interval");
        interval.getItems().setAll(INTERVALS);
        interval.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "every " + d.toSeconds() + " s";
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        interval.setValue(INTERVALS.get(0));
        interval.valueProperty().addListener((o, a, d) -> tabs.selected().ifPresent(tab -> {
            if (d != null && !d.equals(tab.session().sampler().interval())) {
                tab.session().sampler().setInterval(d);
            }
        }));
        pause.setId("pause");
        pause.setGraphic(new FontIcon("mdi2p-pause"));
        pause.selectedProperty().addListener((o, a, paused) -> tabs.selected().ifPresent(tab -> tab.setPaused(paused)));
        refresh.setId("refresh-now");
        refresh.setGraphic(new FontIcon("mdi2r-refresh"));
        refresh.setOnAction(e -> tabs.selected().ifPresent(tab -> tab.session().sampler().refreshNow()));
        ToggleButton readOnlyToggle = new ToggleButton("Read-only");
        readOnlyToggle.setId("read-only");
        readOnlyToggle.setGraphic(new FontIcon("mdi2l-lock-outline"));
        readOnlyToggle.selectedProperty().bindBidirectional(readOnly);
        connect.setId("connect");
        connect.setGraphic(new FontIcon("mdi2d-database-plus-outline"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar toolbar = new ToolBar(connect, new Separator(), new Label("Refresh"), interval, pause, refresh,
                spacer, readOnlyToggle);

        target.setId("status-target");
        state.setId("status-state");
        lastRefresh.setId("status-last-refresh");
        role.setId("status-role");
        attention.setId("status-servers");
        attention.textProperty().bind(tabs.attentionProperty());
        note.setId("status-note");
        // what the tab shown is keeps its width; the long sentences give way and keep a tooltip
        for (Label fixed : List.of(target, version, lastRefresh, attention)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        // a standby's role reads a whole sentence (whose replica, maintenance on the primary)
        for (Label shrinking : List.of(role, state, note)) {
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(shrinking.textProperty());
            shrinking.setTooltip(tip);
        }
        Region statusSpacer = new Region();
        HBox.setHgrow(statusSpacer, Priority.ALWAYS);
        HBox status = new HBox(16, target, version, role, state, lastRefresh, note, statusSpacer, attention);
        status.setPadding(new Insets(4, 10, 4, 10));
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");

        message.setAlignment(Pos.CENTER);
        center.getChildren().setAll(tabs.pane(), message);
        SplitPane split = new SplitPane(servers.root(), center);
        split.setDividerPositions(0.14);
        SplitPane.setResizableWithParent(servers.root(), false);
        tabs.selectedProperty().addListener((o, a, tab) -> showStatus(tab));

        root.setTop(toolbar);
        root.setCenter(split);
        root.setBottom(status);
        root.getStyleClass().add("pgdeck");
    }

    public Parent root() {
        return root;
    }

    /** The window's scene with pgdeck's theme (AtlantaFX Primer Light), style sheet and tab keys. */
    public Scene scene(double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource("/io/pgdeck/ui/pgdeck.css")).toExternalForm());
        // a filter, so a focused text field or table cannot take Ctrl+Tab for itself first
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.W) {
                tabs.closeSelected();
                e.consume();
            } else if (e.isControlDown() && e.getCode() == KeyCode.TAB) {
                tabs.step(e.isShiftDown() ? -1 : 1);
                e.consume();
            }
        });
        return scene;
    }

    public Button connectButton() {
        return connect;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** Where a double-click (or Connect) on a saved server goes. */
    void onOpenSaved(Consumer<ConnectionProfile> open) {
        openSaved = open;
    }

    void showSaved(Map<String, List<ConnectionProfile>> groups) {
        servers.show(groups);
    }

    /**
     * A message while no server is open (starting the demo, connecting), with a spinner while
     * busy; with servers open, one line in the status bar, and every tab stays as it is.
     */
    public void showMessage(String text, boolean busy) {
        if (tabs.all().isEmpty()) {
            Label label = new Label(text);
            label.setId("center-message");
            label.setWrapText(true);
            label.setMaxWidth(560);
            message.getChildren().setAll(label);
            if (busy) {
                message.getChildren().add(0, new ProgressIndicator());
            }
            message.setVisible(true);
        } else {
            note.setText(text);
        }
    }

    /** Opens a tab on a connected session and shows it; the other tabs keep theirs. */
    public void showSession(Session session) {
        message.setVisible(false);
        message.getChildren().clear();
        note.setText("");
        tabs.open(session);
    }

    /** Selects a screen of the tab shown by its title; for tests and the command line. */
    public void select(String title) {
        tabs.selected().ifPresent(tab -> tab.select(title));
    }

    /** Shows the tab already open on the saved profile of that name, if there is one. */
    boolean showOpen(String profileName) {
        Optional<ServerTab> open = tabs.all().stream()
                .filter(tab -> tab.session().target().profile().name().equals(profileName)).findFirst();
        open.ifPresent(tab -> tabs.pane().getSelectionModel().select(tab.tab()));
        return open.isPresent();
    }

    /** The session of the tab shown. */
    Optional<Session> session() {
        return tabs.selected().map(ServerTab::session);
    }

    List<Session> sessions() {
        return tabs.all().stream().map(ServerTab::session).toList();
    }

    ServerTabs tabs() {
        return tabs;
    }

    /** The status bar and toolbar follow the tab shown: its server, its state, its refresh settings. */
    private void showStatus(ServerTab tab) {
        state.textProperty().unbind();
        state.styleProperty().unbind();
        lastRefresh.textProperty().unbind();
        role.textProperty().unbind();
        if (tab == null) {
            target.setText("not connected");
            version.setText("");
            state.setText("");
            state.setStyle("");
            lastRefresh.setText("");
            role.setText("");
            return;
        }
        Session session = tab.session();
        interval.setValue(session.sampler().interval());
        pause.setSelected(tab.paused());
        target.setText(session.target().profile().describe());
        version.setText("PostgreSQL " + session.target().version() + (session.target().pooled() ? " through a pooler" : ""));
        Freshness live = session.overview().freshness();
        state.textProperty().bind(Bindings.when(live.staleProperty())
                .then(Bindings.concat("reconnecting: ", live.errorProperty()))
                .otherwise("connected"));
        state.styleProperty().bind(Bindings.when(live.staleProperty())
                .then("-fx-text-fill: -color-danger-fg;").otherwise("-fx-text-fill: -color-success-fg;"));
        lastRefresh.textProperty().bind(Bindings.createStringBinding(
                () -> "last refresh " + Formats.clock(live.lastGoodProperty().get()), live.lastGoodProperty()));
        role.textProperty().bind(Bindings.concat(session.replication().roleProperty(), " ",
                session.actions().writesRefusedProperty()));
    }
}
