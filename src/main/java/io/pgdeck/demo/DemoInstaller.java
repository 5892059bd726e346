package io.pgdeck.demo;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.connect.ConnectionProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Builds the demo database on a running server: roles, extensions, schema files, this month's
 * partitions, seed rows and the planted situations. The finished database carries a comment,
 * so an interrupted install is dropped and redone instead of being taken for a finished one.
 */
final class DemoInstaller {

    static final String APPLICATION_NAME = "pgdeck-demo-setup";
    private static final String SEED_DIR = "io/pgdeck/demo/seed/";
    private static final String FINISHED = "pgdeck demo database, schema version 2";

    private final ConnectionProfile server;
    private final String database;

    /** {@code server}: a superuser profile on the server (any database); the demo goes into {@code database}. */
    DemoInstaller(ConnectionProfile server, String database) {
        this.server = server;
        this.database = database;
    }

    ConnectionProfile demoProfile() {
        return new ConnectionProfile("pgdeck demo", server.host(), server.port(), database, server.user(),
                server.password(), server.sslMode());
    }

    DemoStartup install() {
        long t0 = System.nanoTime();
        try (Connection admin = connect(server.database())) {
            DSLContext db = DemoDsl.using(admin);
            var existing = db.select(field("pg_catalog.shobj_description(oid, 'pg_database')", String.class))
                    .from(table(name("pg_catalog", "pg_database")))
                    .where(field(name("datname"), String.class).eq(database)).fetchOptional();
            if (existing.isPresent() && FINISHED.equals(existing.get().value1())) {
                refresh();
                return DemoStartup.reused(Duration.ZERO, Duration.ofNanos(System.nanoTime() - t0));
            }
            if (existing.isPresent()) {
                db.query("DROP DATABASE {0}", name(database)).execute();
            }
            db.query("CREATE DATABASE {0}", name(database)).execute();
            DemoRoles.createMissing(db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the demo database on " + server.describe(), e);
        }
        return fill(t0);
    }

    private DemoStartup fill(long t0) {
        try (Connection c = connect(database)) {
            DSLContext db = DemoDsl.using(c);
            db.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute();
            db.query("CREATE EXTENSION IF NOT EXISTS pgstattuple").execute();
            SchemaFiles.apply(c);
            DemoRoles.grant(db);
            DemoPartitions.createAll(db, DemoPartitions.currentMonth());
            long t1 = System.nanoTime();

            SqlScripts.run(c, SqlScripts.load(SEED_DIR));
            long t2 = System.nanoTime();

            flushStatistics(db);
            // Only the demo's tables: the whole database would also analyze every catalog table.
            db.query("ANALYZE {0}", DSL.list(DemoSchemas.tables())).execute();
            db.query("REFRESH MATERIALIZED VIEW {0}", name("insightdesk", "mv_dashboard_stats")).execute();
            DemoMatviews.create(db);
            // After ANALYZE, so the bloated table's statistics are as stale as autovacuum being off makes them.
            PlantedSituations.plant(db, c);
            // The seed's bulk inserts would otherwise top the statements screen for good.
            db.query("SELECT pg_stat_statements_reset()").execute();
            db.query("COMMENT ON DATABASE {0} IS {1}", name(database), inline(FINISHED)).execute();
            long t3 = System.nanoTime();
            return new DemoStartup(Duration.ZERO, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2), true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill the demo database", e);
        }
    }

    /**
     * Makes this session hand its pending table counters to the statistics now. ANALYZE sets
     * n_live_tup and n_dead_tup outright; counters of this session reported after it would be
     * added on top and count the seed rows twice. Before PostgreSQL 15 there is no such call.
     */
    private static void flushStatistics(DSLContext db) {
        Integer version = db.select(field("current_setting('server_version_num')::int", Integer.class)).fetchOne(0, Integer.class);
        if (version != null && version >= 150000) {
            db.query("SELECT pg_stat_force_next_flush()").execute();
        }
    }

    /** A kept database from an earlier start: only what depends on today's date. */
    private void refresh() throws SQLException {
        try (Connection c = connect(database)) {
            DemoPartitions.ensureCurrentMonth(DemoDsl.using(c), DemoPartitions.currentMonth());
        }
    }

    private Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", server.user());
        if (server.password() != null) {
            props.setProperty("password", server.password());
        }
        props.setProperty("sslmode", server.sslMode());
        props.setProperty("ApplicationName", APPLICATION_NAME);
        ConnectionProfile target = new ConnectionProfile(null, server.host(), server.port(), db, server.user(), null, server.sslMode());
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }
}
