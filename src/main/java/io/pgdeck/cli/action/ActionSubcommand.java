package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.PlannedAction;
import io.pgdeck.cli.Cli;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.connect.Target;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every action command does, the door as a terminal has it: build the action from the
 * arguments and read-only lookups, describe it once, ask the runner whether it may run here, then
 * print that plan (--dry-run) or run that plan (--yes).
 */
abstract class ActionSubcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ActionCommand parent;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dry-run", description = "Print the exact SQL, the lock and the risk; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Run it, as confirming in the window does.")
    boolean yes;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    /** The action, from the arguments and what read-only lookups on the target find. */
    abstract Action action(Target target);

    /**
     * The command's own argument. Given alone, picocli took it for the connection string: it is
     * the argument, and the connection comes from PG* variables.
     */
    String argument(String given, String what) {
        String argument = given != null ? given : connection.takeConnectionArgument();
        if (argument == null || argument.isBlank()) {
            throw new IllegalArgumentException("Name the " + what + ", e.g. " + spec.qualifiedName(" ") + " "
                    + spec.positionalParameters().get(spec.positionalParameters().size() - 1).paramLabel() + ".");
        }
        return argument;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dryRun == yes) {
            err.println("pgdeck: " + (yes ? "Give --dry-run or --yes, not both."
                    : spec.qualifiedName(" ") + " changes the server: add --dry-run to print what it would run,"
                    + " or --yes to run it."));
            return ActionCommand.EXIT_REFUSED;
        }
        try (Target target = connection.open(parent.resolver(), err)) {
            ActionRunner runner = new ActionRunner(target, parent.auditLog(), () -> false, ActionSettings.defaults());
            PlannedAction planned = PlannedAction.of(action(target));
            Optional<String> refusal = runner.refusal(planned);
            if (refusal.isPresent()) {
                err.println("pgdeck: " + refusal.get());
                return ActionCommand.EXIT_REFUSED;
            }
            PlanText.print(planned.plan(), out);
            out.flush();
            return dryRun ? Cli.EXIT_OK : new TerminalRun(parent.interrupts(), out, err).run(runner, planned);
        }
    }
}
