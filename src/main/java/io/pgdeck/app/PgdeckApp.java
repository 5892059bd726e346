package io.pgdeck.app;

import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.ProfileStore;
import io.pgdeck.ui.ConnectDialog;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.UiExecutor;
import java.util.List;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: opens the window at once, then connects off the JavaFX thread, to the
 * embedded demo when started without arguments, or to the server named on the command line.
 */
public final class PgdeckApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(PgdeckApp.class);

    private final UiExecutor ui = UiExecutor.fx();
    private final AuditLog auditLog = AuditLog.inUserConfigDir();
    private final ProfileStore profiles = ProfileStore.inUserConfigDir();
    private MainWindow window;
    private Stage stage;
    private volatile StartupTarget startup;

    @Override
    public void start(Stage primaryStage) {
        LOG.info("window starting {} ms after launch", sinceLaunch());
        stage = primaryStage;
        window = new MainWindow();
        stage.setScene(window.scene(1440, 900));
        stage.setTitle("pgdeck");
        stage.show();
        window.connectButton().setOnAction(e -> askAndConnect(currentProfile(), null));
        window.onOpenSaved(this::openSaved);
        window.tabs().selectedProperty().addListener((o, a, tab) -> stage.setTitle(
                tab == null ? "pgdeck" : "pgdeck — " + tab.session().target().profile().describe()));
        showSaved();

        List<String> args = getParameters().getRaw();
        window.showMessage(args.isEmpty() ? "Starting the embedded demo PostgreSQL and its workload…" : "Connecting…", true);
        // async: a start-up already done would otherwise run this here, on the JavaFX thread and
        // inside start(): the session's first reads there, or a dialog that blocks start() itself
        EarlyStart.take(args).whenCompleteAsync((opened, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                ConnectionProfile tried = cause instanceof EarlyStart.Failed failed ? failed.tried() : null;
                String problem = tried != null ? cause.getMessage() : Problems.describe(cause);
                // the sentence, not the stack: the user's input is in the exceptions' messages
                LOG.warn("start-up failed: {}", problem);
                ui.execute(() -> askAndConnect(tried, problem));
                return;
            }
            startup = opened.startup();
            show(Session.start(opened.target(), MainWindow.INTERVALS.get(0), new FxDialogService(stage),
                    window.readOnlyProperty(), auditLog));
        });
    }

    /** The shown tab's profile with its password, so Connect… starts from a server that works. */
    private ConnectionProfile currentProfile() {
        return window.session().map(s -> s.target().profile()).orElse(null);
    }

    private void showSaved() {
        try {
            window.showSaved(profiles.grouped());
        } catch (RuntimeException e) {
            window.showMessage(e.getMessage(), false);
        }
    }

    /**
     * A saved server, double-clicked: its tab when it is open already, else a new one, its
     * password from ~/.pgpass or PGPASSWORD, or else the dialog asks.
     */
    private void openSaved(ConnectionProfile saved) {
        if (!window.showOpen(saved.name())) {
            connectInBackground(saved, false, null);
        }
    }

    private void askAndConnect(ConnectionProfile initial, String problem) {
        if (problem != null) {
            window.showMessage(problem, false);
        }
        ConnectDialog.ask(stage, initial, problem, profiles.list())
                .ifPresent(answer -> connectInBackground(answer.profile(), answer.save(), answer.group()));
    }

    /**
     * Opens a new tab on the profile, off the JavaFX thread: opening a target talks to the
     * server. When that fails the dialog comes back with the reason and what was typed, and the
     * tabs already open go on as they were.
     */
    private void connectInBackground(ConnectionProfile typed, boolean save, String group) {
        window.showMessage("Connecting to " + typed.describe() + "…", true);
        Thread t = new Thread(() -> {
            ConnectionProfile profile = typed;
            try {
                profile = ProfileResolver.system().complete(typed);
                show(Session.open(profile, MainWindow.INTERVALS.get(0), new FxDialogService(stage),
                        window.readOnlyProperty(), auditLog));
                if (save) {
                    profiles.save(typed, group);
                    ui.execute(this::showSaved);
                }
            } catch (Exception e) {
                ConnectionProfile retry = profile;
                String problem = Problems.describe(e, retry);
                ui.execute(() -> askAndConnect(retry, problem));
            }
        }, "pgdeck-connect");
        t.setDaemon(true);
        t.start();
    }

    private void show(Session opened) {
        LOG.info("connected {} ms after launch", sinceLaunch());
        ui.execute(() -> {
            long t0 = System.nanoTime();
            window.showSession(opened);
            LOG.info("screens built in {} ms", (System.nanoTime() - t0) / 1_000_000);
            logFirstData(opened);
        });
    }

    /** The start-up figure a user feels: from launching the JVM to the first numbers on screen. */
    private static void logFirstData(Session opened) {
        var lastGood = opened.overview().freshness().lastGoodProperty();
        if (lastGood.get() != null) {
            LOG.info("first data on screen {} ms after launch", sinceLaunch());
            return;
        }
        lastGood.addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends java.time.Instant> o,
                                java.time.Instant before, java.time.Instant at) {
                lastGood.removeListener(this);
                LOG.info("first data on screen {} ms after launch", sinceLaunch());
            }
        });
    }

    private static long sinceLaunch() {
        return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** For tests: the window, and the session of the tab shown once connected. */
    MainWindow window() {
        return window;
    }

    Session session() {
        return window == null ? null : window.session().orElse(null);
    }

    @Override
    public void stop() {
        window.sessions().forEach(Session::close);
        StartupTarget st = startup;
        if (st != null) {
            st.close();
        }
    }
}
