package io.pgdeck.connect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands at the profile's address, decided once when a target opens. A session on
 * PostgreSQL itself reports the port it was reached on ({@code inet_server_port()}): when that
 * is the port pgdeck dialled, nothing is in between and no login to a {@code pgbouncer}
 * database is tried (it would leave a FATAL in the server's log at every start). Otherwise the
 * sure sign of PgBouncer is its admin console answering {@code SHOW VERSION} on the same host
 * and port; a refusal there (the role is not in admin_users or stats_users) leaves something
 * unknown in between: a pooler, or a tunnel or proxy that forwards another port.
 */
final class PoolerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PoolerProbe.class);

    private PoolerProbe() {}

    /** Where a target's statements go, as far as pgdeck can tell. */
    enum Route {
        /** PostgreSQL itself: sessions and server-side prepared statements are pgdeck's own. */
        DIRECT,
        /**
         * Something forwards another port and its console, if any, refused pgdeck: statements are
         * made safe for a pooler (no server-side prepared statements), actions are not refused,
         * and a real PgBouncer refuses a session action's start-up options in one sentence.
         */
        UNSURE,
        /** A transaction pooler: no session of pgdeck's own at this address. */
        POOLED
    }

    /** @param probe a connection just opened to the profile's address */
    static Route route(Connection probe, ConnectionProfile profile, TargetOptions options) throws SQLException {
        return switch (profile.pooler().mode()) {
            case POOLED -> Route.POOLED;
            case DIRECT -> Route.DIRECT;
            case DETECT -> reachedOnDialledPort(probe, profile) ? Route.DIRECT
                    : adminConsoleAnswers(profile, options) ? Route.POOLED : Route.UNSURE;
        };
    }

    private static boolean reachedOnDialledPort(Connection probe, ConnectionProfile profile) throws SQLException {
        try (Statement st = probe.createStatement(); ResultSet rs = st.executeQuery(OwnStatements.mark("SELECT inet_server_port()"))) {
            rs.next();
            int port = rs.getInt(1);
            return !rs.wasNull() && port == profile.port();
        }
    }

    private static boolean adminConsoleAnswers(ConnectionProfile profile, TargetOptions options) {
        ConnectionProfile console = AdminConsole.besides(profile);
        try (Connection c = AdminConsole.open(console, options.connectTimeout());
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
