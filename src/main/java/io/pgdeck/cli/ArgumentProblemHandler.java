package io.pgdeck.cli;

import io.pgdeck.connect.PasswordMask;
import java.util.Arrays;
import java.util.Comparator;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the user sees for a mistyped command line: one sentence and where to find the usage, exit
 * code 2. picocli's own handler quotes the offending arguments back, and an argument may be a
 * connection string with its password, a password typed after {@code -p} as for mysql, or the
 * rest of a password whose space split it in two: no argument value is ever echoed.
 */
final class ArgumentProblemHandler implements IParameterExceptionHandler {

    private static final String OPTION_NAME = "--?[A-Za-z][A-Za-z0-9-]*";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("pgdeck: " + sentence(e, args));
        command.getErr().println("See '" + command.getCommandSpec().qualifiedName(" ") + " --help'.");
        return Cli.EXIT_CANNOT_CONNECT;
    }

    private static String sentence(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().stream().allMatch(a -> a.matches(OPTION_NAME))) {
            return "An argument is neither an option of this command nor its connection string (not shown: it may"
                    + " hold a password); quote a connection string that holds spaces.";
        }
        String sentence = withoutValues(e.getMessage(), args);
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    /** Every argument that is not an option name, the longest first so no part of one is left. */
    private static String withoutValues(String message, String[] args) {
        String out = message == null ? "The command line is not valid." : message;
        String[] values = Arrays.stream(args).filter(a -> !a.isBlank() && !a.matches(OPTION_NAME))
                .sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        for (String value : values) {
            out = out.replace("'" + value + "'", "the value given").replace(value, PasswordMask.MASK);
        }
        return PasswordMask.mask(out);
    }
}
