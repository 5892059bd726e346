package io.pgdeck.app;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.UiExecutor;
import java.util.function.Consumer;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One connected server in the window: its session's screens in a navigation of their own, built
 * once, so switching to another tab and back finds every chart and table as it was. Hidden, the
 * session samples less and its target keeps one connection.
 */
final class ServerTab {

    private final Session session;
    private final Tab tab;
    private final ListView<Page> navigation = new ListView<>();
    private final StackPane center = new StackPane();
    private boolean paused;
    private ServerState state;

    /** Call on the JavaFX thread; {@code onState} hears every change of this server's state, on it too. */
    ServerTab(Session session, Consumer<ServerTab> onState) {
        this.session = session;
        this.state = ServerState.fine(title(session.target().profile()));
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
        navigation.getItems().setAll(session.pages());
        session.onNavigate(title -> UiExecutor.fx().execute(() -> select(title)));
        navigation.getSelectionModel().selectFirst();

        BorderPane content = new BorderPane(center);
        content.setLeft(navigation);
        tab = new Tab(state.name(), content);
        tab.setTooltip(new Tooltip(session.target().profile().describe()));
        tab.setUserData(this);

        Freshness live = session.overview().freshness();
        live.staleProperty().addListener((o, was, stale) -> {
            state = new ServerState(state.name(), stale ? "unreachable" : "");
            tab.setGraphic(stale ? new FontIcon("mdi2a-alert-circle-outline") : null);
            onState.accept(this);
        });
    }

    /** A saved profile's own name, otherwise database@host:port: short enough for twenty tabs. */
    static String title(ConnectionProfile profile) {
        return profile.name().equals(profile.describe())
                ? profile.database() + "@" + profile.host() + ":" + profile.port()
                : profile.name();
    }

    Tab tab() {
        return tab;
    }

    Session session() {
        return session;
    }

    ServerState state() {
        return state;
    }

    /** Selects a screen by its title. */
    void select(String title) {
        navigation.getItems().stream().filter(p -> p.title().equals(title)).findFirst()
                .ifPresent(p -> navigation.getSelectionModel().select(p));
    }

    boolean paused() {
        return paused;
    }

    /** The Pause button of this server; hiding and showing the tab leave it as the user set it. */
    void setPaused(boolean pause) {
        paused = pause;
        if (pause) {
            session.sampler().pause();
        } else {
            session.sampler().resume();
        }
    }

    void setShown(boolean shown) {
        session.setShown(shown);
        if (shown && paused) {
            session.sampler().pause();
        }
    }
}
