package io.pgdeck.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * PgBouncer's admin console: the virtual database {@code pgbouncer} on the bouncer's port, for a
 * user in {@code admin_users} or {@code stats_users}. It speaks the simple query protocol only,
 * so the driver must send each SHOW as typed, without Parse/Bind.
 */
public final class AdminConsole {

    public static final String DATABASE = "pgbouncer";

    private AdminConsole() {}

    /**
     * The console a connection string names ({@code postgresql://pgbouncer_stats@host:6432/pgbouncer});
     * the password comes from PGPASSWORD or ~/.pgpass as for any profile.
     */
    public static ConnectionProfile of(String connection, ProfileResolver resolver) {
        ConnectionProfile profile = resolver.resolve(connection);
        if (!DATABASE.equals(profile.database())) {
            throw new IllegalArgumentException("The PgBouncer admin console is the database \"pgbouncer\", not \""
                    + profile.database() + "\": end the address with /pgbouncer.");
        }
        return profile;
    }

    /** The console of a bouncer that {@code target} itself is: same host, port, user and password. */
    public static ConnectionProfile besides(ConnectionProfile target) {
        return new ConnectionProfile(null, target.host(), target.port(), DATABASE, target.user(), target.password(),
                target.sslMode(), target.ssl(), target.pooler());
    }

    /** A connection of its own (never from a pool), in the simple query protocol. The caller closes it. */
    public static Connection open(ConnectionProfile console, Duration timeout) throws SQLException {
        TargetOptions options = TargetOptions.defaults();
        Properties props = Target.jdbcProperties(console, Target.APPLICATION_NAME,
                new TargetOptions(options.poolSize(), timeout, timeout, options.lockTimeout()), true);
        props.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(console.jdbcUrl(), props);
    }
}
