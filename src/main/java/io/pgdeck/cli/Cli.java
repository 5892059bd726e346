package io.pgdeck.cli;

import io.pgdeck.cli.check.CheckCommand;
import io.pgdeck.cli.explain.ExplainCommand;
import io.pgdeck.cli.snapshot.SnapshotCommand;
import io.pgdeck.connect.ProfileResolver;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The headless commands, {@code pgdeck snapshot}, {@code pgdeck check} and {@code pgdeck explain}. The launcher hands
 * over when {@link #isCommand} says the first argument is one of them; anything else opens the
 * window.
 */
public final class Cli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_WARN = 1;
    public static final int EXIT_CANNOT_CONNECT = 2;
    public static final int EXIT_INTERNAL_ERROR = 3;

    private static final Set<String> FIRST_ARGUMENTS = Set.of(
            "snapshot", "check", "explain", "action", "help", "--help", "-V", "--version");

    private static final Set<String> VERSION = Set.of("-V", "--version");

    private Cli() {}

    public static boolean isCommand(String firstArg) {
        return firstArg != null && FIRST_ARGUMENTS.contains(firstArg);
    }

    /** Runs the command and returns the process exit code; never calls System.exit itself. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), ProfileResolver.system(), args);
    }

    /** As {@link #execute(String...)}, with the streams and the environment given, for tests. */
    public static int execute(PrintWriter out, PrintWriter err, ProfileResolver resolver, String... args) {
        CommandLine cli = new CommandLine(new RootCommand());
        // Only the command being run is built: picocli reads each command's annotations when it
        // is added, and a command's constructor may load what only it needs (the action audit log,
        // Jackson). The version needs none; help or an unknown word gets them all, to list them.
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("snapshot", () -> new SnapshotCommand(resolver));
        commands.put("check", () -> new CheckCommand(resolver));
        commands.put("explain", () -> new ExplainCommand(resolver));
        commands.put("action", () -> new io.pgdeck.cli.action.ActionCommand(resolver));
        String first = args.length == 0 ? "" : args[0];
        commands.forEach((name, command) -> {
            if (name.equals(first) || !(commands.containsKey(first) || VERSION.contains(first))) {
                cli.addSubcommand(command.get());
            }
        });
        cli.addSubcommand(new CommandLine.HelpCommand());
        // set after the subcommands are added: picocli hands these down only to those present
        cli.setOut(out).setErr(err).setExecutionExceptionHandler(new CommandProblemHandler())
                .setParameterExceptionHandler(new ArgumentProblemHandler());
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
