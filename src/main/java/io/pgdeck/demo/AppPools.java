package io.pgdeck.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pgdeck.connect.ConnectionProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * A small pool per demo application. One pool cannot do: the login role is fixed per
 * connection, and "connections by user" should show more than one.
 */
final class AppPools implements AutoCloseable {

    static final String POOL_PREFIX = "pgdeck-demo-";

    private final Map<DemoApp, HikariDataSource> pools = new LinkedHashMap<>();
    private final Map<DemoApp, DSLContext> contexts = new LinkedHashMap<>();
    private final StatementTracker tracker;

    AppPools(ConnectionProfile demo, StatementTracker tracker, DemoApp... apps) {
        this.tracker = tracker;
        try {
            for (DemoApp app : apps) {
                HikariDataSource pool = new HikariDataSource(config(demo, app));
                pools.put(app, pool);
                contexts.put(app, DSL.using(new DefaultConfiguration().set(pool).set(SQLDialect.POSTGRES)
                        .set(settings()).set(new DefaultExecuteListenerProvider(tracker))));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static HikariConfig config(ConnectionProfile demo, DemoApp app) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_PREFIX + app.applicationName());
        config.setJdbcUrl(demo.jdbcUrl());
        config.setUsername(app.role() == null ? demo.user() : app.role());
        if (app.role() == null && demo.password() != null) {
            config.setPassword(demo.password());
        }
        config.addDataSourceProperty("ApplicationName", app.applicationName());
        config.addDataSourceProperty("sslmode", demo.sslMode());
        config.setMaximumPoolSize(app.connections());
        config.setMinimumIdle(app.connections());
        config.setConnectionTimeout(10_000);
        // A bound on everything, lock waits included, should a scenario go wrong.
        config.setConnectionInitSql("SET statement_timeout = '60s'");
        return config;
    }

    private static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED).withExecuteLogging(false);
    }

    /** Borrows per statement or transaction, like a web application would. */
    DSLContext dsl(DemoApp app) {
        return contexts.get(app);
    }

    /** A connection held across several ticks (lock holder, idle transaction); the caller closes it. */
    Connection hold(DemoApp app) throws SQLException {
        return pools.get(app).getConnection();
    }

    /** A context on a held connection, its statements cancellable like all others. */
    DSLContext dsl(Connection held) {
        return DSL.using(new DefaultConfiguration().set(held).set(SQLDialect.POSTGRES).set(settings())
                .set(new DefaultExecuteListenerProvider(tracker)));
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
