package io.pgdeck.bench;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The newest PostgreSQL for benchmarks whose tables take minutes to build: its data stays in
 * {@code target/bench-pg} between runs, so a ten-million-row table is built once (until
 * {@code mvn clean}). pg_stat_statements is preloaded for the server-time figures.
 */
final class KeptPostgres implements AutoCloseable {

    /** {@code -Dbench.data=DIR} measures another build of the code against the same tables. */
    private static final Path DATA = Path.of(System.getProperty("bench.data", "target/bench-pg"));

    private final EmbeddedPostgres server;

    KeptPostgres() throws IOException {
        server = TestPostgres.NEWEST.builder()
                .setDataDirectory(DATA)
                .setCleanDataDirectory(false)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("jit", "off")
                .start();
    }

    int port() {
        return server.getPort();
    }

    /** Whether a database was built by an earlier run: it exists and holds the built marker. */
    boolean built(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
        }
        try (Connection c = connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('public.bench_built') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Drops what an interrupted build left and creates the database empty, with pg_stat_statements. */
    void create(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    /** Marks a database built: later runs measure it without building it again. */
    void markBuilt(String database) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.bench_built (at timestamptz DEFAULT now())");
        }
    }

    /** A role only the measured reads use, so pg_stat_statements tells their statements apart. */
    ConnectionProfile reader(String database, String role) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " CREATE ROLE " + role + " LOGIN IN ROLE pg_monitor; END IF; END $$");
            st.execute("DO $$ DECLARE s name; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                    + " AND nspname <> 'information_schema' LOOP"
                    + " EXECUTE format('GRANT USAGE ON SCHEMA %I TO " + role + "', s);"
                    + " EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO " + role + "', s); END LOOP; END $$");
        }
        return new ConnectionProfile(null, "localhost", port(), database, role, null, "disable");
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, props);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
