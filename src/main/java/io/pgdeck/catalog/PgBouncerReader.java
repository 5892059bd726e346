package io.pgdeck.catalog;

import io.pgdeck.connect.AdminConsole;
import io.pgdeck.connect.ConnectionProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PgBouncer's admin console: SHOW VERSION, POOLS, STATS, CLIENTS, SERVERS, DATABASES and
 * CONFIG. The console speaks no extended protocol and is no PostgreSQL, so this is plain JDBC in
 * the simple protocol on a connection of its own (not the monitoring pool), kept between
 * refreshes and opened again after a failure. Columns are read by name; which ones a version has
 * is {@link PgBouncerVersion}'s business.
 */
public final class PgBouncerReader implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionProfile console;
    private final Clock clock;
    private Connection connection;
    private String version;

    public PgBouncerReader(ConnectionProfile console) {
        this(console, Clock.systemUTC());
    }

    public PgBouncerReader(ConnectionProfile console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    /** user@host:port/pgbouncer, never the password. */
    public String describe() {
        return console.describe();
    }

    /** Everything at once, on the one connection; a failure closes it so the next read reconnects. */
    public synchronized PgBouncerRead read() throws SQLException {
        try {
            Connection c = connection();
            PgBouncerVersion v = PgBouncerVersion.parse(version);
            return new PgBouncerRead(version, v, clock.instant(), pools(c, v), stats(c, v), sockets(c, "SHOW CLIENTS", v),
                    sockets(c, "SHOW SERVERS", v), databases(c, v), config(c));
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Only the cumulative counters: the cheap read a rate needs at both ends of an interval. */
    public synchronized List<BouncerStats> stats() throws SQLException {
        try {
            Connection c = connection();
            return stats(c, PgBouncerVersion.parse(version));
        } catch (SQLException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = AdminConsole.open(console, TIMEOUT);
            version = query(connection, "SHOW VERSION", rs -> rs.getString("version")).get(0);
        }
        return connection;
    }

    private static List<BouncerPool> pools(Connection c, PgBouncerVersion v) throws SQLException {
        List<String> cancels = v.clientCancelColumns();
        return query(c, "SHOW POOLS", rs -> {
            int cancelRequests = 0;
            for (String column : cancels) {
                cancelRequests += rs.getInt(column);
            }
            return new BouncerPool(rs.getString("database"), rs.getString("user"), rs.getInt("cl_active"),
                    rs.getInt("cl_waiting"), cancelRequests, rs.getInt("sv_active"), rs.getInt("sv_idle"),
                    rs.getInt("sv_used"), rs.getInt("sv_tested"), rs.getInt("sv_login"),
                    Duration.ofSeconds(rs.getLong("maxwait")).plusNanos(rs.getLong("maxwait_us") * 1000),
                    rs.getString("pool_mode"));
        });
    }

    private static List<BouncerStats> stats(Connection c, PgBouncerVersion v) throws SQLException {
        String assignments = v.assignmentsColumn();
        return query(c, "SHOW STATS", rs -> new BouncerStats(rs.getString("database"), rs.getLong(assignments),
                rs.getLong("total_xact_count"), rs.getLong("total_query_count"), rs.getLong("total_received"),
                rs.getLong("total_sent"), rs.getLong("total_xact_time"), rs.getLong("total_query_time"),
                rs.getLong("total_wait_time")));
    }

    private static List<BouncerSocket> sockets(Connection c, String show, PgBouncerVersion v) throws SQLException {
        boolean prepared = v.hasPreparedStatements();
        return query(c, show, rs -> new BouncerSocket(rs.getString("type"), rs.getString("user"),
                rs.getString("database"), rs.getString("state"), rs.getString("addr"), integer(rs, "port"),
                rs.getString("connect_time"), rs.getString("request_time"),
                Duration.ofSeconds(rs.getLong("wait")).plusNanos(rs.getLong("wait_us") * 1000),
                rs.getString("application_name"), prepared ? integer(rs, "prepared_statements") : null));
    }

    private static List<BouncerDatabase> databases(Connection c, PgBouncerVersion v) throws SQLException {
        String reserve = v.reservePoolColumn();
        return query(c, "SHOW DATABASES", rs -> new BouncerDatabase(rs.getString("name"), rs.getString("host"),
                integer(rs, "port"), rs.getString("database"), rs.getInt("pool_size"), rs.getInt(reserve),
                rs.getString("pool_mode"), rs.getInt("max_connections"), rs.getInt("current_connections"),
                rs.getInt("paused") != 0, rs.getInt("disabled") != 0));
    }

    private static Map<String, String> config(Connection c) throws SQLException {
        Map<String, String> config = new HashMap<>();
        query(c, "SHOW CONFIG", rs -> {
            String value = rs.getString("value");
            config.put(rs.getString("key"), value == null ? "" : value);
            return null;
        });
        return config;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int n = rs.getInt(column);
        return rs.wasNull() ? null : n;
    }

    private static <T> List<T> query(Connection c, String show, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(show)) {
            while (rs.next()) {
                out.add(row.of(rs));
            }
        }
        return out;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being dropped because it failed
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    @FunctionalInterface
    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }
}
