package io.pgdeck.connect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * One monitored server: the read-only monitoring pool, a way to open the separate action
 * connection, the server version, what the role may see, and whether a transaction pooler
 * (PgBouncer) stands in between. Screens never hold a connection themselves; readers borrow one
 * from {@link #db()} per question, inside a read-only transaction of its own.
 *
 * <p>Nothing pgdeck sets outlives its own transaction on a connection that goes through the
 * target's address: behind PgBouncer in transaction mode the next transaction on that server
 * connection is someone else's. Session settings are made only on {@link
 * #openSessionConnection}, which reaches PostgreSQL directly and is nobody else's.
 */
public final class Target implements AutoCloseable {

    public static final String APPLICATION_NAME = "pgdeck";
    public static final String ACTION_APPLICATION_NAME = "pgdeck-action";
    /**
     * How long a reader waits for a pooled connection before looking why there is none: waiting
     * the connect time-out (5 s) for a pool that cannot reach its server kept a stopped server
     * looking live for 5 s more. Half a default refresh, so an outage shows within 2 s; a pool
     * that is merely busy is waited on longer (see {@link PooledConnections}).
     */
    static final Duration BORROW_WAIT = Duration.ofMillis(500);

    private final ConnectionProfile profile;
    private final TargetOptions options;
    private final HikariDataSource pool;
    private final DSLContext db;
    private final ServerVersion version;
    private final PoolerProbe.Route route;
    private final AtomicReference<Capabilities> capabilities = new AtomicReference<>();

    private Target(ConnectionProfile profile, TargetOptions options, HikariDataSource pool, ServerVersion version,
                   PoolerProbe.Route route) {
        this.profile = profile;
        this.options = options;
        this.pool = pool;
        this.db = DSL.using(new DefaultConfiguration()
                .set(new ReadOnlyTransactions(new PooledConnections(pool, options.connectTimeout()), options))
                .set(SQLDialect.POSTGRES).set(settings()).set(new OwnStatements()));
        this.version = version;
        this.route = route;
        refreshCapabilities();
    }

    /**
     * Connects once directly first, so a wrong password or an unreachable host fails here with
     * PostgreSQL's own message instead of as a pool time-out.
     */
    public static Target open(ConnectionProfile profile, TargetOptions options) throws SQLException {
        int versionNum;
        PoolerProbe.Route route;
        try (Connection probe = DriverManager.getConnection(profile.jdbcUrl(),
                jdbcProperties(profile, APPLICATION_NAME, options, true))) {
            versionNum = CapabilitiesReader.serverVersionNum(DSL.using(new DefaultConfiguration().set(probe)
                    .set(SQLDialect.POSTGRES).set(new OwnStatements())));
            route = PoolerProbe.route(probe, profile, options);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("pgdeck-monitor");
        config.setJdbcUrl(profile.jdbcUrl());
        config.setDataSourceProperties(jdbcProperties(profile, APPLICATION_NAME, options, route != PoolerProbe.Route.DIRECT));
        // Each borrow is one read-only transaction that ends when the connection comes back
        // (ReadOnlyTransactions): nothing is set on the session.
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(options.poolSize());
        config.setConnectionTimeout(Math.min(options.connectTimeout().toMillis(), BORROW_WAIT.toMillis()));
        config.setValidationTimeout(Math.min(options.connectTimeout().toMillis(), 2000));
        // The probe just connected, so open the first pooled connection now, within the connect
        // time-out: readers wait only BORROW_WAIT, less than a far server may take to accept one.
        // Later, when the server is away, the pool keeps trying and the sampler reports meanwhile.
        config.setInitializationFailTimeout(options.connectTimeout().toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (PoolInitializationException e) {
            // gone between the probe and the pool: the same failure as the probe's
            throw e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getMessage(), "08001", e);
        }
        return new Target(profile, options, pool, new ServerVersion(versionNum), route);
    }

    /**
     * @param pooled behind a pooler, or maybe: no server-side prepared statements, which live
     *     on one server connection while the next transaction may get another
     */
    static Properties jdbcProperties(ConnectionProfile profile, String applicationName, TargetOptions options,
                                     boolean pooled) {
        Properties props = new Properties();
        props.setProperty("user", profile.user());
        if (profile.password() != null) {
            props.setProperty("password", profile.password());
        }
        props.setProperty("ApplicationName", applicationName);
        // Without it the driver sends application_name and extra_float_digits as SET statements
        // after the start-up, on whichever server connection a pooler lends: in the start-up
        // packet PgBouncer keeps them per client instead. pgdeck supports 13 and later.
        props.setProperty("assumeMinServerVersion", "13");
        props.setProperty("readOnlyMode", "transaction");
        if (pooled) {
            props.setProperty("prepareThreshold", "0");
        }
        props.setProperty("sslmode", profile.sslMode());
        SslFiles ssl = profile.ssl();
        putIfSet(props, "sslrootcert", ssl.rootCert());
        putIfSet(props, "sslcert", ssl.cert());
        putIfSet(props, "sslkey", ssl.key());
        putIfSet(props, "sslpassword", ssl.keyPassword());
        props.setProperty("connectTimeout", Long.toString(Math.max(1, options.connectTimeout().toSeconds())));
        props.setProperty("socketTimeout", Long.toString(Math.max(1, options.statementTimeout().toSeconds() + 5)));
        props.setProperty("tcpKeepAlive", "true");
        return props;
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null) {
            props.setProperty(key, value);
        }
    }

    private static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED);
    }

    /** The jOOQ context on the monitoring pool: each query in a read-only transaction with statement and lock time-outs. */
    public DSLContext db() {
        return db;
    }

    /**
     * A fresh connection for one maintenance action, outside the pool so an action can never
     * starve monitoring, and read-write, at the target's address (so through the pooler, if any):
     * whatever the caller sets must be scoped to its transaction. The caller closes it.
     */
    public Connection openActionConnection() throws SQLException {
        return openActionConnection(false);
    }

    /**
     * As {@link #openActionConnection()}; with {@code simpleProtocol} the driver sends each text
     * as typed, without Parse/Bind, so {@code $1} reaches the server unbound (EXPLAIN GENERIC_PLAN).
     */
    public Connection openActionConnection(boolean simpleProtocol) throws SQLException {
        Properties props = jdbcProperties(profile, ACTION_APPLICATION_NAME, options, route != PoolerProbe.Route.DIRECT);
        props.remove("socketTimeout");
        if (simpleProtocol) {
            props.setProperty("preferQueryMode", "simple");
        }
        return DriverManager.getConnection(profile.jdbcUrl(), props);
    }

    /** Whether a transaction pooler stands at the target's address, as decided when it opened. */
    public boolean pooled() {
        return route == PoolerProbe.Route.POOLED;
    }

    /**
     * Whether something stands between pgdeck and PostgreSQL: a pooler, or an address that
     * forwards another port (the server was reached on a port pgdeck did not dial).
     */
    public boolean behindSomething() {
        return route != PoolerProbe.Route.DIRECT;
    }

    /**
     * Whether a session of pgdeck's own can be had, for statements PostgreSQL refuses inside a
     * transaction block: directly, or at the profile's direct address when a pooler is in between.
     */
    public boolean hasSession() {
        return !pooled() || profile.pooler().directAddress() != null;
    }

    /**
     * A connection that is a session of its own on PostgreSQL itself (the direct address behind
     * a pooler), for an action that cannot run in a transaction block. Nobody else gets this
     * server connection, so its time-outs go in the start-up packet for its whole life.
     *
     * @throws IllegalStateException when a pooler is in between and the profile has no direct address
     */
    public Connection openSessionConnection(Duration lockTimeout, Duration statementTimeout) throws SQLException {
        if (!hasSession()) {
            throw new IllegalStateException("A transaction pooler is in between and the profile has no direct address.");
        }
        ConnectionProfile direct = profile;
        if (pooled()) {
            HostPort address = HostPort.parse(profile.pooler().directAddress());
            direct = profile.at(address.host(), address.port());
        }
        Properties props = jdbcProperties(direct, ACTION_APPLICATION_NAME, options, false);
        props.remove("socketTimeout");
        props.setProperty("options", "-c lock_timeout=" + lockTimeout.toMillis()
                + " -c statement_timeout=" + statementTimeout.toMillis());
        return DriverManager.getConnection(direct.jdbcUrl(), props);
    }

    public DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings());
    }

    public ConnectionProfile profile() {
        return profile;
    }

    public ServerVersion version() {
        return version;
    }

    public Capabilities capabilities() {
        return capabilities.get();
    }

    public Capabilities refreshCapabilities() {
        Capabilities read = CapabilitiesReader.read(db);
        capabilities.set(read);
        return read;
    }

    public TargetOptions options() {
        return options;
    }

    public PoolStats poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(0, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /**
     * How many monitoring connections to hold: the options' pool size while the target is looked
     * at, one while its tab is hidden, so twenty servers in a window cost twenty connections, not
     * a hundred. A smaller pool closes its idle connections now (the rest as they come back) and
     * opens the one it keeps again; a larger one grows as readers ask.
     */
    public void keepConnections(int connections) {
        int keep = Math.max(1, Math.min(connections, options.poolSize()));
        HikariConfigMXBean config = pool.getHikariConfigMXBean();
        boolean shrinking = keep < config.getMaximumPoolSize();
        config.setMinimumIdle(keep);
        config.setMaximumPoolSize(keep);
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (shrinking && bean != null) {
            bean.softEvictConnections();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
