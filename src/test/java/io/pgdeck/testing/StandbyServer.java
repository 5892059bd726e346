package io.pgdeck.testing;

import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A primary of the test's own and a streaming standby of it, both from the embedded server's
 * binaries. zonky ships no pg_basebackup, so the standby is made as PostgreSQL documents it by
 * hand: a copy of the primary's data directory taken after a clean stop, without its pid file
 * and replication slots, plus {@code standby.signal} and {@code primary_conninfo}. The standby
 * streams through a physical slot, so stopping it leaves an inactive slot retaining WAL.
 */
public final class StandbyServer implements AutoCloseable {

    public static final String SLOT = "pgdeck_standby";
    public static final String APPLICATION = "pgdeck_standby";
    public static final String DATABASE = "replicated";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Files a base backup leaves out: the running server's own, and zonky's lock. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final TestPostgres version;
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres standby;

    private StandbyServer(TestPostgres version, Path dir) {
        this.version = version;
        this.dir = dir;
        this.primaryPort = freePort();
        this.standbyPort = freePort();
    }

    /** Starts a primary with a database {@value #DATABASE}, then its standby, and waits until it streams. */
    public static StandbyServer start(TestPostgres version) {
        try {
            StandbyServer pair = new StandbyServer(version, Files.createTempDirectory("pgdeck-replication"));
            pair.primary = pair.startPrimary();
            pair.allowReplication();
            execute(pair.primaryPort, "postgres", "CREATE DATABASE " + DATABASE);
            pair.primary.close();
            pair.copyPrimaryToStandby();
            pair.primary = pair.startPrimary();
            pair.executeOnPrimary("SELECT pg_catalog.pg_create_physical_replication_slot('" + SLOT + "', true)");
            pair.startStandby();
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EmbeddedPostgres startPrimary() throws IOException {
        return version.builder()
                .setDataDirectory(dir.resolve("primary"))
                .setCleanDataDirectory(false)
                .setPort(primaryPort)
                .setServerConfig("max_wal_senders", "5")
                .setServerConfig("max_replication_slots", "5")
                // on, with no command: the archiver test sets one and pg_stat_archiver counts
                .setServerConfig("archive_mode", "on")
                .start();
    }

    /** zonky's initdb trusts everyone; a replication line is in its pg_hba.conf since PostgreSQL 10, checked anyway. */
    private void allowReplication() throws IOException {
        Path hba = dir.resolve("primary").resolve("pg_hba.conf");
        boolean present = Files.readAllLines(hba).stream().map(String::trim)
                .anyMatch(l -> l.matches("host\\s+replication\\s+all\\s+127\\.0\\.0\\.1/32\\s+trust"));
        if (!present) {
            Files.writeString(hba, "\nhost replication all 127.0.0.1/32 trust\n", StandardOpenOption.APPEND);
            execute(primaryPort, "postgres", "SELECT pg_catalog.pg_reload_conf()");
        }
    }

    private void copyPrimaryToStandby() throws IOException {
        Path from = dir.resolve("primary");
        Path to = dir.resolve("standby");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (NOT_COPIED.contains(rel.toString()) || (rel.startsWith("pg_replslot") && rel.getNameCount() > 1)) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        // PostgreSQL refuses a data directory others may read
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(to.resolve("standby.signal"), "");
        Files.writeString(to.resolve("postgresql.auto.conf"), String.format(
                "%nprimary_conninfo = 'host=127.0.0.1 port=%d user=postgres application_name=%s'%nprimary_slot_name = '%s'%n",
                primaryPort, APPLICATION, SLOT), StandardOpenOption.APPEND);
    }

    /** Starts the standby (again, after {@link #stopStandby}) and waits until it streams from the primary. */
    public synchronized void startStandby() {
        if (standby == null) {
            try {
                standby = version.builder()
                        .setDataDirectory(dir.resolve("standby"))
                        .setCleanDataDirectory(false)
                        .setPort(standbyPort)
                        // why a standby did not come up is in its log, next to its data directory
                        .setServerConfig("log_min_messages", "warning")
                        // reports replay to the primary every second instead of ten: tests see it sooner
                        .setServerConfig("wal_receiver_status_interval", "1")
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("standby.log").toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("standby.log").toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        await("the standby streams from the primary").atMost(WAIT).until(
                () -> queryOnStandby("SELECT status FROM pg_catalog.pg_stat_wal_receiver"), "streaming"::equals);
        await("the primary sees its standby streaming").atMost(WAIT).until(
                () -> queryOnPrimary("SELECT state FROM pg_catalog.pg_stat_replication WHERE application_name = '"
                        + APPLICATION + "'"), "streaming"::equals);
    }

    /** Stops the standby only: the primary keeps its slot, which now retains WAL. */
    public synchronized void stopStandby() {
        if (standby != null) {
            try {
                standby.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                standby = null;
            }
        }
    }

    /** Stops applying WAL on the standby: it still receives, so the replay lag grows with every write. */
    public void pauseReplay() {
        executeOnStandby("SELECT pg_catalog.pg_wal_replay_pause()");
        await("replay paused").atMost(WAIT).until(() -> queryOnStandby("SELECT pg_catalog.pg_is_wal_replay_paused()::text"),
                "true"::equals);
    }

    public void resumeReplay() {
        executeOnStandby("SELECT pg_catalog.pg_wal_replay_resume()");
    }

    /** Waits until the standby has replayed everything the primary had written when called. */
    public void awaitReplayed() {
        // the insert position: zonky turns synchronous_commit off, so a commit may not be written yet
        String lsn = queryOnPrimary("SELECT pg_catalog.pg_current_wal_insert_lsn()::text");
        await("the standby replays up to " + lsn).atMost(WAIT).until( () -> queryOnStandby(
                "SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_last_wal_replay_lsn(), '" + lsn + "') >= 0"), "t"::equals);
    }

    public ConnectionProfile primaryProfile() {
        return primaryProfile(DATABASE, "postgres");
    }

    public ConnectionProfile primaryProfile(String database, String user) {
        return new ConnectionProfile(null, "localhost", primaryPort, database, user, null, "disable");
    }

    public ConnectionProfile standbyProfile() {
        return standbyProfile(DATABASE, "postgres");
    }

    public ConnectionProfile standbyProfile(String database, String user) {
        return new ConnectionProfile(null, "localhost", standbyPort, database, user, null, "disable");
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int standbyPort() {
        return standbyPort;
    }

    public TestPostgres version() {
        return version;
    }

    public void executeOnPrimary(String... statements) {
        execute(primaryPort, DATABASE, statements);
    }

    public void executeOnStandby(String... statements) {
        execute(standbyPort, DATABASE, statements);
    }

    /** The first column of the first row, as text; null when there is no row. */
    public String queryOnPrimary(String sql) {
        return query(primaryPort, sql);
    }

    public String queryOnStandby(String sql) {
        return query(standbyPort, sql);
    }

    private static void execute(int port, String database, String... statements) {
        try (Connection c = connect(port, database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String query(int port, String sql) {
        try (Connection c = connect(port, DATABASE); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("ApplicationName", "pgdeck-test");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
    }

    @Override
    public synchronized void close() {
        stopStandby();
        try {
            if (primary != null) {
                primary.close();
                primary = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly();
        }
    }

    private void deleteQuietly() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return version + " primary :" + primaryPort + ", standby :" + standbyPort;
    }
}
