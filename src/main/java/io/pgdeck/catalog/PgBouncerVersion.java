package io.pgdeck.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which columns a PgBouncer version's admin console returns: the one place that knows how the
 * SHOW commands changed, taken from src/admin.c and src/stats.c at each release tag. Readers ask
 * it and read columns by name, never by position.
 *
 * <ul>
 * <li>1.16: SHOW POOLS gains {@code cl_cancel_req}</li>
 * <li>1.18: which becomes {@code cl_active_cancel_req} and {@code cl_waiting_cancel_req}, with
 *     {@code sv_active_cancel} and {@code sv_being_canceled}</li>
 * <li>1.21: SHOW CLIENTS/SERVERS gain {@code prepared_statements}</li>
 * <li>1.23: SHOW STATS gains {@code total_server_assignment_count} (and PgBouncer's own average
 *     wait becomes per assignment); SHOW CLIENTS/SERVERS gain {@code replication}; SHOW DATABASES
 *     gains {@code server_lifetime}</li>
 * <li>1.24: SHOW STATS gains the prepared-statement counters; SHOW POOLS and DATABASES gain
 *     {@code load_balance_hosts}; DATABASES renames {@code reserve_pool} to
 *     {@code reserve_pool_size} and gains the client-connection limits; CLIENTS/SERVERS gain {@code id}</li>
 * </ul>
 */
public record PgBouncerVersion(int major, int minor, int patch) implements Comparable<PgBouncerVersion> {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** From SHOW VERSION's "PgBouncer 1.18.0" (or "PgBouncer 1.18.0 (Debian ...)"). */
    public static PgBouncerVersion parse(String showVersion) {
        Matcher m = NUMBERS.matcher(showVersion == null ? "" : showVersion);
        if (!m.find()) {
            throw new IllegalArgumentException("\"" + showVersion + "\" is not a PgBouncer version.");
        }
        return new PgBouncerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    /** Client cancel requests in a pool: none before 1.16, one column in 1.16-1.17, two since. */
    public List<String> clientCancelColumns() {
        if (atLeast(1, 18)) {
            return List.of("cl_active_cancel_req", "cl_waiting_cancel_req");
        }
        return atLeast(1, 16) ? List.of("cl_cancel_req") : List.of();
    }

    /**
     * The counter a wait is averaged over: server assignments since 1.23; before, transactions,
     * which is the same thing in transaction pooling.
     */
    public String assignmentsColumn() {
        return atLeast(1, 23) ? "total_server_assignment_count" : "total_xact_count";
    }

    /** SHOW DATABASES' reserve pool column, renamed in 1.24. */
    public String reservePoolColumn() {
        return atLeast(1, 24) ? "reserve_pool_size" : "reserve_pool";
    }

    public boolean hasPreparedStatements() {
        return atLeast(1, 21);
    }

    public List<String> poolColumns() {
        List<String> c = new ArrayList<>(List.of("database", "user", "cl_active", "cl_waiting"));
        c.addAll(clientCancelColumns());
        c.add("sv_active");
        if (atLeast(1, 18)) {
            c.addAll(List.of("sv_active_cancel", "sv_being_canceled"));
        }
        c.addAll(List.of("sv_idle", "sv_used", "sv_tested", "sv_login", "maxwait", "maxwait_us", "pool_mode"));
        if (atLeast(1, 24)) {
            c.add("load_balance_hosts");
        }
        return List.copyOf(c);
    }

    public List<String> statsColumns() {
        List<String> totals = new ArrayList<>();
        if (atLeast(1, 23)) {
            totals.add("server_assignment_count");
        }
        totals.addAll(List.of("xact_count", "query_count", "received", "sent", "xact_time", "query_time", "wait_time"));
        if (atLeast(1, 24)) {
            totals.addAll(List.of("client_parse_count", "server_parse_count", "bind_count"));
        }
        List<String> c = new ArrayList<>(List.of("database"));
        totals.forEach(t -> c.add("total_" + t));
        totals.forEach(t -> c.add("avg_" + t.replace("received", "recv")));
        return List.copyOf(c);
    }

    public List<String> databaseColumns() {
        List<String> c = new ArrayList<>(List.of("name", "host", "port", "database", "force_user", "pool_size",
                "min_pool_size", reservePoolColumn()));
        if (atLeast(1, 23)) {
            c.add("server_lifetime");
        }
        c.add("pool_mode");
        if (atLeast(1, 24)) {
            c.add("load_balance_hosts");
        }
        c.addAll(List.of("max_connections", "current_connections"));
        if (atLeast(1, 24)) {
            c.addAll(List.of("max_client_connections", "current_client_connections"));
        }
        c.addAll(List.of("paused", "disabled"));
        return List.copyOf(c);
    }

    /** SHOW CLIENTS and SHOW SERVERS (without the debug columns of SHOW SOCKETS). */
    public List<String> socketColumns() {
        List<String> c = new ArrayList<>(List.of("type", "user", "database"));
        if (atLeast(1, 23)) {
            c.add("replication");
        }
        c.addAll(List.of("state", "addr", "port", "local_addr", "local_port", "connect_time", "request_time",
                "wait", "wait_us", "close_needed", "ptr", "link", "remote_pid", "tls", "application_name"));
        if (hasPreparedStatements()) {
            c.add("prepared_statements");
        }
        if (atLeast(1, 24)) {
            c.add("id");
        }
        return List.copyOf(c);
    }

    @Override
    public int compareTo(PgBouncerVersion o) {
        int c = Integer.compare(major, o.major);
        c = c != 0 ? c : Integer.compare(minor, o.minor);
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
