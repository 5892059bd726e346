package io.pgdeck.cli.action;

import picocli.CommandLine.Parameters;

/** A command on one backend, named by its pid. */
abstract class BackendCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "PID", description = "The backend's process id.")
    String pid;

    int pid() {
        String given = argument(pid, "backend's pid");
        try {
            return Integer.parseInt(given.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A backend is named by its pid, a number (as pg_stat_activity shows it).");
        }
    }
}
