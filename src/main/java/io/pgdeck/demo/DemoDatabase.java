package io.pgdeck.demo;

import static io.pgdeck.db.streamvibe.Tables.JOB_QUEUE;

import io.pgdeck.connect.ConnectionProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded demo: a PostgreSQL 17 of its own (zonky) with {@value #DATABASE} built from the
 * seed-like schemas, seed rows and the situations a DBA should find ({@link PlantedSituations},
 * {@link DemoPartitions}, failed, stuck and expired jobs). Add {@link DemoWorkload} for life.
 *
 * <pre>{@code
 * try (DemoDatabase demo = DemoDatabase.start(null)) {
 *     demo.startWorkload();
 *     Target target = Target.open(demo.profile(), TargetOptions.defaults());
 *     ...
 * } // stops the workload, then the server
 * }</pre>
 */
public final class DemoDatabase implements AutoCloseable {

    public static final String DATABASE = "pgdeck_demo";

    private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);

    private final EmbeddedPostgres server;
    private final ConnectionProfile profile;
    private final DemoStartup startup;
    private final List<DemoWorkload> workloads = new ArrayList<>();

    private DemoDatabase(EmbeddedPostgres server, ConnectionProfile profile, DemoStartup startup) {
        this.server = server;
        this.profile = profile;
        this.startup = startup;
    }

    /**
     * Starts the server and builds the demo database.
     *
     * @param dataDir where the server keeps its files, kept after {@link #close()} and reused by
     *                the next start (which then only starts the server); {@code null} for a
     *                temporary directory removed on close
     */
    public static DemoDatabase start(Path dataDir) {
        long t0 = System.nanoTime();
        Thread warmUp = new Thread(DemoDatabase::warmUp, "pgdeck-demo-warmup");
        warmUp.setDaemon(true);
        warmUp.start();
        EmbeddedPostgres server = startServer(dataDir);
        joinQuietly(warmUp);
        Duration serverStart = Duration.ofNanos(System.nanoTime() - t0);
        try {
            DemoInstaller installer = new DemoInstaller(superuser(server.getPort()), DATABASE);
            DemoStartup startup = installer.install().withServer(serverStart);
            LOG.info("demo database {} ready in {}", installer.demoProfile().describe(), startup);
            return new DemoDatabase(server, installer.demoProfile(), startup);
        } catch (RuntimeException e) {
            closeQuietly(server);
            throw e;
        }
    }

    /**
     * Builds (or, when already there, reuses) the demo database on a server someone else runs,
     * e.g. the tests' shared one; pg_stat_statements must be in its shared_preload_libraries.
     *
     * @param superuser a superuser profile on that server; its database is only used to connect
     * @return the profile of {@value #DATABASE} on that server, as the same superuser
     */
    public static ConnectionProfile installInto(ConnectionProfile superuser) {
        DemoInstaller installer = new DemoInstaller(superuser, DATABASE);
        installer.install();
        return installer.demoProfile();
    }

    private static EmbeddedPostgres startServer(Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("track_io_timing", "on")
                    .setServerConfig("track_functions", "pl")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded demo PostgreSQL", e);
        }
    }

    /**
     * initdb runs in its own process for a second or more while this JVM waits: load jOOQ, the
     * generated tables and the driver meanwhile, instead of on the first query (~0.5 s).
     */
    private static void warmUp() {
        try {
            Class.forName("org.postgresql.Driver");
            DSL.using(SQLDialect.POSTGRES).render(DSL.selectFrom(JOB_QUEUE).where(JOB_QUEUE.STATUS.eq("pending"))
                    .orderBy(JOB_QUEUE.JOB_PRIORITY.desc()).limit(1).forUpdate().skipLocked());
            DemoSchemas.tables();
        } catch (ClassNotFoundException | RuntimeException e) {
            LOG.debug("warm-up failed; the first query pays instead", e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConnectionProfile superuser(int port) {
        return new ConnectionProfile("pgdeck demo server", "localhost", port, "postgres", "postgres", null, "disable");
    }

    /** {@value #DATABASE} as the superuser {@code postgres}, no password (the server trusts local connections). */
    public ConnectionProfile profile() {
        return profile;
    }

    public DemoStartup startup() {
        return startup;
    }

    public int port() {
        return profile.port();
    }

    /** Starts a {@link DemoWorkload} on this database; {@link #close()} stops it. */
    public synchronized DemoWorkload startWorkload() {
        DemoWorkload workload = DemoWorkload.start(profile);
        workloads.add(workload);
        return workload;
    }

    /**
     * Stops the workloads started through {@link #startWorkload()}, then the server. Stop other
     * workloads on it first, or their sessions end with errors.
     */
    @Override
    public synchronized void close() {
        workloads.forEach(DemoWorkload::close);
        workloads.clear();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded demo PostgreSQL", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot stop the embedded demo PostgreSQL after a failed start", e);
        }
    }
}
