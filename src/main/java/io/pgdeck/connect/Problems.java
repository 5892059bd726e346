package io.pgdeck.connect;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns what the driver throws into one sentence a DBA can act on. */
public final class Problems {

    private Problems() {}

    public static String describe(Throwable error) {
        // The network cause first, however deep: the pool wraps a refused connection in its own
        // time-out (SQLState 08001), whose message is about the pool, not the server.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "Unknown host " + t.getMessage() + ": check the host name.";
            }
            if (t instanceof ConnectException) {
                return "Connection refused: is PostgreSQL running and listening on that host and port?";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String known = bySqlState(sql);
                if (known != null) {
                    return known;
                }
            }
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : firstLine(message);
    }

    private static String bySqlState(SQLException e) {
        String state = e.getSQLState();
        return switch (state) {
            case "28P01" -> "Password authentication failed: check the user name and password (or ~/.pgpass).";
            case "28000" -> "The server refused this login: " + firstLine(e.getMessage())
                    + " (check pg_hba.conf and the user name).";
            case "3D000" -> "That database does not exist: " + clause(e.getMessage()) + ".";
            case "42501" -> "Permission denied: " + clause(e.getMessage())
                    + ". Grant pg_monitor (for statistics) or the owner's rights (for maintenance).";
            case "57P01", "57P02", "57P03" -> "The server is shutting down or restarting; pgdeck reconnects by itself.";
            case "57014" -> "Cancelled: the statement ran past its time-out or was cancelled.";
            case "55P03" -> "Could not get a lock in time (lock_timeout): the object is busy; try again later.";
            case "53300" -> "Too many connections: the server has reached max_connections.";
            default -> state.startsWith("08")
                    ? "Connection lost or refused: " + clause(e.getMessage()) + ". pgdeck retries on the next refresh."
                    : null;
        };
    }

    /** The first line without its closing period, for messages that go on after it. */
    private static String clause(String message) {
        String line = firstLine(message);
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
