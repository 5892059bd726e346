package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Target;
import java.util.function.BiFunction;
import picocli.CommandLine.Parameters;

/** A signal to one backend, named by its pid: cancel its query or terminate its session. */
abstract class BackendCommand extends ActionSubcommand {

    private final BiFunction<Integer, String, Action> signal;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PID", description = "The backend's process id.")
    String pid;

    /** @param signal the action on a pid, given how the confirmation names the backend */
    BackendCommand(BiFunction<Integer, String, Action> signal) {
        this.signal = signal;
    }

    @Override
    Action action(Target target) {
        String given = argument(pid, "backend's pid");
        try {
            int number = Integer.parseInt(given.trim());
            return signal.apply(number, "of pid " + number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A backend is named by its pid, a number (as pg_stat_activity shows it).");
        }
    }
}
