package io.pgdeck.catalog;

import io.pgdeck.connect.AdminConsole;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where pgdeck reads PgBouncer from: the console the profile or the command line names, or, when
 * none is named, the target itself if it is a bouncer (same host, port, user and password, database
 * {@code pgbouncer}). Finding out costs one login attempt, made once: a target that is PostgreSQL
 * itself is never asked again, so its log does not fill with "database pgbouncer does not exist".
 */
public final class PgBouncerSource implements AutoCloseable {

    /** What to do when no bouncer is configured or found. */
    public static final String HOW_TO_CONFIGURE = "No PgBouncer admin console is configured or found: set the"
            + " profile's admin console (postgresql://user@host:6432/pgbouncer) or pass --pgbouncer URL.";

    private final Target target;
    private final boolean configured;
    private ConnectionProfile console;
    private PgBouncerReader reader;
    private String unavailable;

    private PgBouncerSource(Target target, ConnectionProfile console) {
        this.target = target;
        this.console = console;
        this.configured = console != null;
        this.reader = console == null ? null : new PgBouncerReader(console);
    }

    /** The console named by the user: read on every refresh, reconnecting after failures. */
    public static PgBouncerSource configured(ConnectionProfile console) {
        return new PgBouncerSource(null, console);
    }

    /** The console of {@code target} if it turns out to be a bouncer, found on the first read. */
    public static PgBouncerSource discover(Target target) {
        return new PgBouncerSource(target, null);
    }

    /**
     * The console {@code address} names (the command line's --pgbouncer), else the profile's admin
     * console, else whatever discovery finds. A bad address is a source that says so in one sentence.
     */
    public static PgBouncerSource forTarget(Target target, String address, ProfileResolver resolver) {
        String named = address != null ? address : target.profile().pooler().adminConsole();
        if (named == null) {
            return discover(target);
        }
        try {
            return configured(AdminConsole.of(named, resolver));
        } catch (IllegalArgumentException e) {
            PgBouncerSource bad = new PgBouncerSource(null, null);
            bad.unavailable = e.getMessage();
            return bad;
        }
    }

    public synchronized PgBouncerReading read() throws SQLException {
        if (reader == null && unavailable == null) {
            unavailable = findConsole();
        }
        if (reader == null) {
            return PgBouncerReading.unavailable(null, unavailable);
        }
        try {
            PgBouncerRead read = reader.read();
            unavailable = null;
            return PgBouncerReading.of(reader.describe(), read);
        } catch (SQLException e) {
            if (!refused(e)) {
                throw e;
            }
            String why = refusal(console, e);
            if (!configured) {
                // a guess that was refused stays refused: no login attempt every second
                reader.close();
                reader = null;
                unavailable = why;
            }
            return PgBouncerReading.unavailable(console.describe(), why);
        }
    }

    /** The reader once a console is known and answers, for a second read of the counters. */
    public synchronized Optional<PgBouncerReader> reader() {
        return Optional.ofNullable(reader);
    }

    private String findConsole() {
        ConnectionProfile profile = target.profile();
        Pooler pooler = profile.pooler();
        if (pooler.mode() == Pooler.Mode.DIRECT || (pooler.mode() == Pooler.Mode.DETECT && !target.behindSomething())) {
            return HOW_TO_CONFIGURE;
        }
        console = AdminConsole.besides(profile);
        try (PgBouncerReader probe = new PgBouncerReader(console)) {
            probe.read();
        } catch (SQLException e) {
            return refused(e) ? refusal(console, e) : HOW_TO_CONFIGURE;
        }
        reader = new PgBouncerReader(console);
        return null;
    }

    /** A console that refused the login, as opposed to one that is not there or not reachable. */
    static boolean refused(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return state.startsWith("28") || message.contains("not allowed") || message.contains("authentication failed")
                || message.contains("no such user") || message.contains("permission denied");
    }

    static String refusal(ConnectionProfile console, SQLException e) {
        return "PgBouncer at " + console.host() + ":" + console.port() + " refuses user \"" + console.user()
                + "\" on its admin console (" + serverWords(e)
                + "), so add it to pgbouncer.ini as stats_users = " + console.user()
                + " (or admin_users) and reload PgBouncer.";
    }

    /** PgBouncer's own words ("not allowed"), without the driver's "FATAL:" in front. */
    private static String serverWords(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return message.replaceFirst("^(FATAL|ERROR): +", "").replaceAll("[.:;]+$", "").strip();
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
