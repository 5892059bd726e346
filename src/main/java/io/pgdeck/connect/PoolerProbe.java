package io.pgdeck.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a transaction pooler stands at the profile's address, decided once when a target
 * opens. The database behind PgBouncer reports the real server's version, so the only sure sign
 * is PgBouncer's admin console answering {@code SHOW VERSION} on the same host and port; a
 * refusal there (the role is not in admin_users or stats_users) means "unknown", read as direct.
 */
final class PoolerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PoolerProbe.class);

    private PoolerProbe() {}

    static boolean pooled(ConnectionProfile profile, TargetOptions options) {
        return switch (profile.pooler().mode()) {
            case POOLED -> true;
            case DIRECT -> false;
            case DETECT -> adminConsoleAnswers(profile, options);
        };
    }

    private static boolean adminConsoleAnswers(ConnectionProfile profile, TargetOptions options) {
        ConnectionProfile console = new ConnectionProfile(profile.name(), profile.host(), profile.port(), "pgbouncer",
                profile.user(), profile.password(), profile.sslMode(), profile.ssl(), profile.pooler());
        Properties props = Target.jdbcProperties(console, Target.APPLICATION_NAME, options, true);
        // the console speaks only the simple query protocol
        props.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection(console.jdbcUrl(), props);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW VERSION")) {
            boolean bouncer = rs.next() && rs.getString(1) != null && rs.getString(1).startsWith("PgBouncer");
            LOG.info("{}: {}", profile.describe(), bouncer ? "PgBouncer answers on this address" : "no pooler found");
            return bouncer;
        } catch (SQLException e) {
            LOG.debug("{}: no PgBouncer admin console ({})", profile.describe(), e.getMessage());
            return false;
        }
    }
}
