package io.pgdeck.app;

import io.pgdeck.cli.Cli;
import javafx.application.Application;

/**
 * The jar's main class. It does not extend Application, so the JavaFX runtime on the class path
 * starts without module-path checks; CLI commands never start the toolkit at all.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && Cli.isCommand(args[0])) {
            System.exit(Cli.execute(args));
        }
        EarlyStart.begin(java.util.List.of(args));
        Application.launch(PgdeckApp.class, args);
    }
}
