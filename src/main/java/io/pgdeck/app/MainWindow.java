package io.pgdeck.app;

import atlantafx.base.theme.PrimerLight;
import io.pgdeck.catalog.Formats;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.Page;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window: navigation on the left, the chosen screen in the middle, refresh controls on top,
 * and a status bar saying what pgdeck is connected to and whether the data is live.
 */
public final class MainWindow {

    static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final BorderPane root = new BorderPane();
    private final ListView<Page> navigation = new ListView<>();
    private final StackPane center = new StackPane();
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
    private Sampler sampler;

    public MainWindow() {
        navigation.setId("navigation");
        navigation.setPrefWidth(210);
        navigation.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Page page, boolean empty) {
                super.updateItem(page, empty);
                setText(empty || page == null ? null : page.title());
                setGraphic(empty || page == null ? null : new FontIcon(page.icon()));
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((o, a, page) -> {
            if (page != null) {
                center.getChildren().setAll(page.view());
            }
        });

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
        interval.valueProperty().addListener((o, a, d) -> {
            if (sampler != null && d != null) {
                sampler.setInterval(d);
            }
        });
        pause.setId("pause");
        pause.setGraphic(new FontIcon("mdi2p-pause"));
        pause.selectedProperty().addListener((o, a, paused) -> {
            if (sampler != null) {
                if (paused) {
                    sampler.pause();
                } else {
                    sampler.resume();
                }
            }
        });
        refresh.setId("refresh-now");
        refresh.setGraphic(new FontIcon("mdi2r-refresh"));
        refresh.setOnAction(e -> {
            if (sampler != null) {
                sampler.refreshNow();
            }
        });
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
        HBox status = new HBox(16, target, version, role, state, lastRefresh);
        status.setPadding(new Insets(4, 10, 4, 10));
        status.setAlignment(Pos.CENTER_LEFT);
        status.getStyleClass().add("status-bar");

        root.setTop(toolbar);
        root.setLeft(navigation);
        root.setCenter(center);
        root.setBottom(status);
        root.getStyleClass().add("pgdeck");
    }

    public Parent root() {
        return root;
    }

    /** The window's scene with pgdeck's theme (AtlantaFX Primer Light) and style sheet. */
    public Scene scene(double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource("/io/pgdeck/ui/pgdeck.css")).toExternalForm());
        return scene;
    }

    public Button connectButton() {
        return connect;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** A message in the middle (starting the demo, connecting), with a spinner while busy. */
    public void showMessage(String message, boolean busy) {
        Label text = new Label(message);
        text.setId("center-message");
        text.setWrapText(true);
        text.setMaxWidth(560);
        VBox box = new VBox(16);
        box.setAlignment(Pos.CENTER);
        if (busy) {
            box.getChildren().add(new ProgressIndicator());
        }
        box.getChildren().add(text);
        navigation.getItems().clear();
        center.getChildren().setAll(box);
    }

    /** Shows a connected session: its screens in the navigation, its state in the status bar. */
    public void showSession(Session session) {
        sampler = session.sampler();
        sampler.setInterval(interval.getValue());
        if (pause.isSelected()) {
            sampler.pause();
        }
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
        navigation.getItems().setAll(session.pages());
        session.onNavigate(title -> UiExecutor.fx().execute(() -> select(title)));
        navigation.getSelectionModel().selectFirst();
    }

    /** Selects a screen by its title; for tests and the command line. */
    public void select(String title) {
        navigation.getItems().stream().filter(p -> p.title().equals(title)).findFirst()
                .ifPresent(p -> navigation.getSelectionModel().select(p));
    }

    public void detach() {
        sampler = null;
        state.textProperty().unbind();
        state.styleProperty().unbind();
        lastRefresh.textProperty().unbind();
        role.textProperty().unbind();
        role.setText("");
        target.setText("not connected");
        version.setText("");
        state.setText("");
        lastRefresh.setText("");
    }
}
