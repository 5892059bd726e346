package io.pgdeck.cli;

import io.pgdeck.connect.PasswordMask;
import io.pgdeck.connect.Problems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * What the user sees when a command fails: one sentence and exit code 2 for what they can fix
 * (the connection, the input, the server's answer); a stack trace and 3 for pgdeck's own bugs.
 */
final class CommandProblemHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof CannotConnectException || e instanceof IllegalArgumentException) {
            // pgdeck's own sentences quote no password; the mask is for what a library put in one
            err.println("pgdeck: " + PasswordMask.mask(e.getMessage()));
            return Cli.EXIT_CANNOT_CONNECT;
        }
        if (e instanceof SQLException || e instanceof DataAccessException) {
            err.println("pgdeck: " + Problems.describe(e));
            return Cli.EXIT_CANNOT_CONNECT;
        }
        err.println("pgdeck: internal error, please report it:");
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(PasswordMask.mask(trace.toString()));
        return Cli.EXIT_INTERNAL_ERROR;
    }
}
