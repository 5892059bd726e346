package io.pgdeck.app;

import io.pgdeck.cli.Cli;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/**
 * The jar's main class. It does not extend Application, so the JavaFX runtime on the class path
 * starts without module-path checks; CLI commands never start the toolkit at all.
 */
public final class Launcher {

    /**
     * pgjdbc logs through java.util.logging straight to stderr, past logback; the one warning it
     * gives in pgdeck's use is "Unsupported Server Version: 1.18.0/bouncer" each time PgBouncer's
     * admin console is opened, which would land in the middle of `check`'s output. Held in a field:
     * java.util.logging keeps its loggers only weakly.
     */
    private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

    private Launcher() {}

    public static void main(String[] args) {
        DRIVER_LOG.setLevel(Level.SEVERE);
        if (args.length > 0 && Cli.isCommand(args[0])) {
            System.exit(Cli.execute(args));
        }
        EarlyStart.begin(java.util.List.of(args));
        Application.launch(PgdeckApp.class, args);
    }
}
