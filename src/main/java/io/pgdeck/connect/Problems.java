package io.pgdeck.connect;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns what the driver throws into one sentence a DBA can act on. */
public final class Problems {

    private Problems() {}

    public static String describe(Throwable error) {
        return describe(error, null);
    }

    /**
     * As {@link #describe(Throwable)}, for a failure of a maintenance action rather than of a
     * refresh: a lost connection is not retried there, and whether the action's statement
     * finished before the server went away is unknown, so the sentence says so.
     */
    public static String describeAction(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (connectionLost(t)) {
                return "The server restarted (or the connection was lost) while the action ran:"
                        + " check whether it finished before retrying.";
            }
        }
        return describe(error);
    }

    /**
     * Shutdown, crash or restart of the server, or a connection that broke or is gone; not a
     * connection that could not be opened (08001, 08004): then the action never started.
     */
    private static boolean connectionLost(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() != null
                && Set.of("57P01", "57P02", "57P03", "08003", "08006", "08007").contains(sql.getSQLState());
    }

    /** As {@link #describe(Throwable)}, naming the host and port when the network is the problem. */
    public static String describe(Throwable error, ConnectionProfile target) {
        String ssl = SslProblems.describe(error, target);
        if (ssl != null) {
            return ssl;
        }
        // The driver wraps network failures in a generic 08001 "connection attempt failed":
        // the cause says more, so look at the whole chain for it first.
        for (Throwable t = error; t != null; t = t.getCause()) {
            String network = byNetworkCause(t, target);
            if (network != null) {
                return network;
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
        // jOOQ's message puts the whole statement first ("SQL [select ...]; ERROR: ..."): the
        // driver's exception underneath holds just the server's words.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                return sentence(PasswordMask.mask(serverMessage(sql)));
            }
        }
        Throwable wrapped = error;
        while (wrapped.getCause() != null && (wrapped.getMessage() == null
                || wrapped.getMessage().equals(wrapped.getCause().toString()))) {
            wrapped = wrapped.getCause(); // a CompletionException and the like add nothing but a class name
        }
        String message = wrapped.getMessage();
        // a driver's or library's message may quote a URL or properties with a password
        return message == null ? wrapped.getClass().getSimpleName()
                : sentence(PasswordMask.mask(withoutStatement(firstLine(message))));
    }

    private static String withoutStatement(String message) {
        return message.startsWith("SQL [") && message.contains("]; ")
                ? message.substring(message.indexOf("]; ") + 3) : message;
    }

    private static String sentence(String s) {
        String c = capitalized(s.strip());
        return c.isEmpty() || c.endsWith(".") ? c : c + ".";
    }

    private static String byNetworkCause(Throwable t, ConnectionProfile target) {
        String where = target == null ? "" : " " + target.host() + ":" + target.port();
        if (t instanceof UnknownHostException) {
            String host = target != null ? target.host() : firstLine(t.getMessage()).split(": ")[0];
            return "Unknown host \"" + host + "\": check the host name.";
        }
        if (t instanceof ConnectException) {
            return "Connection refused" + (where.isEmpty() ? "" : " at" + where)
                    + ": is PostgreSQL running and listening on that host and port?";
        }
        if (t instanceof SocketTimeoutException || t instanceof NoRouteToHostException) {
            return "No answer from" + (where.isEmpty() ? " the server" : where)
                    + " in time: check the host, the port and any firewall in between.";
        }
        return null;
    }

    private static String bySqlState(SQLException e) {
        String state = e.getSQLState();
        String server = serverMessage(e);
        if (server.startsWith(UNSUPPORTED_STARTUP_PARAMETER)) {
            return pgBouncerRefused(server.substring(UNSUPPORTED_STARTUP_PARAMETER.length()).trim());
        }
        if ("08P01".equals(state) && server.endsWith("authentication failed")) {
            // PgBouncer answers a login it refuses with a protocol violation, not PostgreSQL's 28xxx
            return "PgBouncer refused this login (" + server + "): the user must be in its auth_file (or found by"
                    + " its auth_query) with the right password.";
        }
        return switch (state) {
            case "28P01" -> capitalized(server) + ": check the password (PGPASSWORD, ~/.pgpass or the connection string).";
            case "28000" -> "The server refused this login: " + server + "; check pg_hba.conf and the user name.";
            case "3D000" -> capitalized(server) + ": check the database name.";
            case "42501" -> permissionDenied(server);
            case "57P01", "57P02", "57P03" -> "The server is shutting down or restarting; pgdeck reconnects by itself.";
            case "57014" -> "Cancelled: the statement ran past its time-out or was cancelled.";
            case "55P03" -> "Could not get a lock in time (lock_timeout): the object is busy; try again later.";
            case "53300" -> "Too many connections: the server has reached max_connections.";
            case "08004" -> server.contains("no password")
                    ? "The server asks for a password and none was found: set PGPASSWORD, add it to ~/.pgpass,"
                            + " or put it in the connection string."
                    : "The server rejected the connection: " + server + ".";
            default -> state.startsWith("08")
                    ? "The connection failed or was lost (" + server + "); pgdeck retries on the next refresh." : null;
        };
    }

    private static final Pattern DENIED_RELATION = Pattern.compile(
            "permission denied for (?:table|view|materialized view|relation|sequence) (.+)");
    private static final Pattern DENIED_SCHEMA = Pattern.compile("permission denied for schema (.+)");

    /**
     * What a read denied for want of privileges needs, for a relation in {@code schema}: "hidden:
     * needs SELECT on s.t" or "hidden: needs USAGE on schema s ..."; empty for any other error.
     */
    public static Optional<String> hiddenFrom(Throwable error, String schema) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                String server = serverMessage(sql);
                Matcher relation = DENIED_RELATION.matcher(server);
                if (relation.matches()) {
                    return Optional.of(Privileges.needsSelect(schema + "." + relation.group(1)));
                }
                Matcher denied = DENIED_SCHEMA.matcher(server);
                return denied.matches() ? Optional.of(Privileges.needsSchemaUsage(denied.group(1))) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * pg_monitor lifts statistics, never rows: a denied relation wants SELECT on it (and its
     * schema USAGE), whatever role the user holds; anything else (a function) the monitoring or
     * owner's roles.
     */
    private static String permissionDenied(String server) {
        Matcher relation = DENIED_RELATION.matcher(server);
        if (relation.matches()) {
            return "Permission denied for " + relation.group(1) + ": reading its rows needs GRANT SELECT ON "
                    + relation.group(1) + " to this role (pg_monitor does not give it), changing it the owner's rights.";
        }
        Matcher schema = DENIED_SCHEMA.matcher(server);
        if (schema.matches()) {
            return "Permission denied for schema " + schema.group(1) + ": reading its tables needs GRANT USAGE ON SCHEMA "
                    + schema.group(1) + " and SELECT on them to this role (pg_monitor does not give them).";
        }
        return "Permission denied: " + server + ". Grant pg_monitor (for statistics) or the owner's rights (for maintenance).";
    }

    /** PgBouncer refuses a start-up parameter it does not know, with these words. */
    private static final String UNSUPPORTED_STARTUP_PARAMETER = "unsupported startup parameter:";

    private static String pgBouncerRefused(String parameter) {
        if ("options".equals(parameter)) {
            // only the session connection of an action sends it: it reached a pooler thought direct
            return "This address is PgBouncer, which gives an action no session of its own: set the profile's"
                    + " pooler to \"through a pooler\" and give a direct address for actions.";
        }
        return "PgBouncer refuses the JDBC driver's start-up parameter " + parameter
                + ": add \"ignore_startup_parameters = " + parameter + "\" to the [pgbouncer] section of pgbouncer.ini.";
    }

    /** The server's own words (message, DETAIL, HINT) without the "FATAL:" in front, or the driver's first line. */
    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage m = psql.getServerErrorMessage();
            if (m != null && m.getMessage() != null) {
                // DETAIL and HINT are often the answer: which key is duplicated, what to do
                StringBuilder words = new StringBuilder(withoutFinalPeriod(m.getMessage()));
                for (String more : new String[] {m.getDetail(), m.getHint()}) {
                    if (more != null && !more.isBlank()) {
                        words.append(". ").append(withoutFinalPeriod(more.strip()));
                    }
                }
                return words.toString();
            }
        }
        return withoutFinalPeriod(firstLine(e.getMessage()).replaceFirst("^(FATAL|ERROR|PANIC): +", ""));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String withoutFinalPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
