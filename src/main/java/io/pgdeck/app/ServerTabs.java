package io.pgdeck.app;

import io.pgdeck.ui.UiExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * A tab per connected server. The tab shown samples at full speed; the others keep their history
 * at one connection each. Closing a tab closes its session. Call on the JavaFX thread.
 */
final class ServerTabs {

    /** Sums up the servers off the JavaFX thread; one for all windows, it only formats a line. */
    private static final ExecutorService ATTENTION = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgdeck-attention");
        t.setDaemon(true);
        return t;
    });

    private final TabPane pane = new TabPane();
    private final ReadOnlyObjectWrapper<ServerTab> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper attention = new ReadOnlyStringWrapper("");
    private final UiExecutor ui = UiExecutor.fx();

    ServerTabs() {
        pane.setId("server-tabs");
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        pane.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> {
            // the tab shown first, so switching never leaves both at one connection for a moment
            ServerTab shown = serverTab(now);
            if (shown != null) {
                shown.setShown(true);
            }
            ServerTab hidden = serverTab(before);
            if (hidden != null && pane.getTabs().contains(before)) {
                hidden.setShown(false);
            }
            selected.set(shown);
        });
        pane.getTabs().addListener((ListChangeListener<Tab>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(tab -> close(serverTab(tab)));
            }
            summarize();
        });
    }

    TabPane pane() {
        return pane;
    }

    /** Opens a tab on the session and shows it; the others keep sampling behind it. */
    ServerTab open(Session session) {
        ServerTab tab = new ServerTab(session, t -> summarize());
        pane.getTabs().add(tab.tab());
        pane.getSelectionModel().select(tab.tab());
        return tab;
    }

    ReadOnlyObjectProperty<ServerTab> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    Optional<ServerTab> selected() {
        return Optional.ofNullable(selected.get());
    }

    List<ServerTab> all() {
        return pane.getTabs().stream().map(ServerTabs::serverTab).toList();
    }

    /** E.g. "3 servers · 1 needs attention: db2@db2.example:5432 unreachable". */
    ReadOnlyStringProperty attentionProperty() {
        return attention.getReadOnlyProperty();
    }

    void closeSelected() {
        Tab tab = pane.getSelectionModel().getSelectedItem();
        if (tab != null) {
            pane.getTabs().remove(tab);
        }
    }

    /** Ctrl+Tab and Ctrl+Shift+Tab: the next or previous tab, round the end. */
    void step(int by) {
        int count = pane.getTabs().size();
        if (count > 1) {
            int at = pane.getSelectionModel().getSelectedIndex();
            pane.getSelectionModel().select(Math.floorMod(at + by, count));
        }
    }

    private void summarize() {
        List<ServerState> states = all().stream().map(ServerTab::state).toList();
        ATTENTION.execute(() -> {
            String line = AttentionSummary.of(states);
            ui.execute(() -> attention.set(line));
        });
    }

    /** Off the JavaFX thread: closing a session waits for its sampler's reads to end. */
    private static void close(ServerTab tab) {
        if (tab != null) {
            Thread t = new Thread(tab.session()::close, "pgdeck-close-" + tab.state().name());
            t.setDaemon(true);
            t.start();
        }
    }

    private static ServerTab serverTab(Tab tab) {
        return tab == null ? null : (ServerTab) tab.getUserData();
    }
}
