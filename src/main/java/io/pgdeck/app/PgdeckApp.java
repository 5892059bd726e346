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
    private volatile Session session;
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

    /** The session's profile with its password, so a failed attempt is retried with nothing retyped. */
    private ConnectionProfile currentProfile() {
        Session s = session;
        return s == null ? null : s.target().profile();
    }

    private void askAndConnect(ConnectionProfile initial, String problem) {
        if (problem != null) {
            window.showMessage(problem, false);
        }
        ConnectDialog.ask(stage, initial, problem, profiles.list()).ifPresent(answer -> {
            ConnectionProfile typed = answer.profile();
            window.showMessage("Connecting to " + typed.describe() + "…", true);
            Thread t = new Thread(() -> {
                ConnectionProfile profile = typed;
                try {
                    profile = ProfileResolver.system().complete(typed);
                    connect(profile);
                    if (answer.save()) {
                        profiles.save(typed);
                    }
                } catch (Exception e) {
                    ConnectionProfile retry = profile;
                    ui.execute(() -> askAndConnect(retry, Problems.describe(e, retry)));
                }
            }, "pgdeck-connect");
            t.setDaemon(true);
            t.start();
        });
    }

    /** Runs off the JavaFX thread: opening a target talks to the server. */
    private void connect(ConnectionProfile profile) throws Exception {
        show(Session.open(profile, MainWindow.INTERVALS.get(0), new FxDialogService(stage),
                window.readOnlyProperty(), auditLog));
    }

    private void show(Session opened) {
        LOG.info("connected {} ms after launch", sinceLaunch());
        Session previous = session;
        session = opened;
        ui.execute(() -> {
            window.detach();
            long t0 = System.nanoTime();
            window.showSession(opened);
            LOG.info("screens built in {} ms", (System.nanoTime() - t0) / 1_000_000);
            logFirstData(opened);
            stage.setTitle("pgdeck — " + opened.target().profile().describe());
        });
        if (previous != null) {
            previous.close();
        }
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

    /** For tests: the window and session once connected. */
    MainWindow window() {
        return window;
    }

    Session session() {
        return session;
    }

    @Override
    public void stop() {
        Session s = session;
        if (s != null) {
            s.close();
        }
        StartupTarget st = startup;
        if (st != null) {
            st.close();
        }
    }
}
