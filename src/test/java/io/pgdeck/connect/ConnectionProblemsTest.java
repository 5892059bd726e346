package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a DBA sees when a connection fails, against the real server: each failure gives one
 * clear sentence, and comes within a few seconds rather than as a pool time-out.
 */
class ConnectionProblemsTest {

    private static final TestPostgres PG = TestPostgres.NEWEST;
    private static final String ROLE = "pgdeck_pw_" + ProcessHandle.current().pid();
    private static final String RIGHT_PASSWORD = "right-p@ss:word";
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final TargetOptions OPTIONS = new TargetOptions(1, Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(1));

    private static Path hbaFile;
    private static String originalHba;

    @TempDir
    Path home;

    /** Only this role needs a password; every other test keeps the fixture's trust rules. */
    @BeforeAll
    static void requirePasswordForOneRole() throws Exception {
        PG.execute("postgres", "SET password_encryption = 'scram-sha-256'",
                "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + RIGHT_PASSWORD + "'");
        hbaFile = Path.of(query("SHOW hba_file"));
        originalHba = Files.readString(hbaFile);
        Files.writeString(hbaFile, "host all " + ROLE + " 127.0.0.1/32 scram-sha-256\n"
                + "host all " + ROLE + " ::1/128 scram-sha-256\n" + originalHba);
        query("SELECT pg_reload_conf()");
        awaitPasswordRequired();
    }

    @AfterAll
    static void restoreHba() throws Exception {
        Files.writeString(hbaFile, originalHba);
        query("SELECT pg_reload_conf()");
        PG.execute("postgres", "DROP ROLE IF EXISTS " + ROLE);
    }

    /** The postmaster reloads pg_hba.conf asynchronously; wait until a password-less login is refused. */
    private static void awaitPasswordRequired() {
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            try (Target ignored = Target.open(profile(null, "postgres"), OPTIONS)) {
                assertThat(Instant.now()).as("pg_hba.conf reloaded in time").isBefore(deadline);
            } catch (SQLException refused) {
                return;
            }
        }
    }

    @Test
    void wrongPassword() {
        assertThat(failure(profile("wrong-password", "postgres")))
                .isEqualTo("Password authentication failed for user \"" + ROLE + "\": check the password"
                        + " (PGPASSWORD, ~/.pgpass or the connection string).");
    }

    @Test
    void noPasswordAnywhere() {
        assertThat(failure(profile(null, "postgres"))).startsWith("The server asks for a password and none was found");
    }

    @Test
    void passwordFromTheUriOrFromPgpassConnectsAsAPlainRole() throws Exception {
        String uri = "postgresql://" + ROLE + "@localhost:" + PG.port() + "/postgres?sslmode=disable";
        ProfileResolver resolver = new ProfileResolver(Map.of(), home);
        String encoded = RIGHT_PASSWORD.replace("@", "%40").replace(":", "%3A");
        try (Target t = Target.open(resolver.resolve(uri.replace(ROLE + "@", ROLE + ":" + encoded + "@")), OPTIONS)) {
            assertThat(t.version().major()).isEqualTo(17);
        }
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "localhost:" + PG.port() + ":*:" + ROLE + ":" + RIGHT_PASSWORD.replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        try (Target t = Target.open(resolver.resolve(uri), OPTIONS)) {
            assertThat(t.profile().user()).isEqualTo(ROLE);
            // shared_preload_libraries is hidden from a plain role: seen through the settings it defines
            assertThat(t.capabilities().superuser()).isFalse();
            assertThat(t.capabilities().preloadedLibraries()).contains(Capabilities.PG_STAT_STATEMENTS);
        }
    }

    @Test
    void unknownHost() {
        ConnectionProfile p = new ConnectionProfile(null, "no-such-host.invalid", PG.port(), "postgres", "postgres", null, "disable");
        assertThat(failure(p)).isEqualTo("Unknown host \"no-such-host.invalid\": check the host name.");
    }

    @Test
    void refusedPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionProfile p = new ConnectionProfile(null, "localhost", closed, "postgres", "postgres", null, "disable");
        assertThat(failure(p)).isEqualTo("Connection refused at localhost:" + closed
                + ": is PostgreSQL running and listening on that host and port?");
    }

    @Test
    void missingDatabase() {
        assertThat(failure(PG.profile("no_such_db"))).isEqualTo("Database \"no_such_db\" does not exist: check the database name.");
    }

    private static ConnectionProfile profile(String password, String database) {
        return new ConnectionProfile(null, "localhost", PG.port(), database, ROLE, password, "disable");
    }

    /** The one sentence for a failed open, which must come quickly. */
    private static String failure(ConnectionProfile profile) {
        Instant start = Instant.now();
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try (Target ignored = Target.open(profile, OPTIONS)) {
                // reaching here is the failure
            } catch (SQLException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(SQLException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(QUICKLY);
        return Problems.describe(caught[0], profile);
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = PG.connect("postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
