package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.PrivateCa;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-full against a server whose certificate a private CA signed, end to end: the CA comes
 * from sslrootcert in the URI or from PGSSLROOTCERT, a client certificate from sslcert/sslkey;
 * each way of getting it wrong is one sentence saying what to fix. A TLS server of its own.
 */
class SslConnectionTest {

    private static final String CERT_ROLE = "pgdeck_cert";
    private static final TargetOptions OPTIONS = new TargetOptions(1, Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(1));

    @TempDir
    static Path certificates;
    @TempDir
    static Path otherCa;
    @TempDir
    Path home;

    private static PrivateCa ca;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        ca = PrivateCa.createIn(certificates);
        ca.client(CERT_ROLE);
        server = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", ca.serverCertificate().toString())
                .setServerConfig("ssl_key_file", ca.serverKey().toString())
                .setServerConfig("ssl_ca_file", ca.caCertificate().toString())
                .setServerConfig("log_min_messages", "fatal")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + CERT_ROLE + " LOGIN");
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void verifyFullWithThePrivateCaFromTheUri() throws Exception {
        ConnectionProfile profile = resolver(Map.of()).resolve(uri("postgres", "sslmode=verify-full&sslrootcert="
                + ca.caCertificate()));
        assertThat(profile.ssl().rootCert()).isEqualTo(ca.caCertificate().toString());
        try (Target target = Target.open(profile, OPTIONS)) {
            assertThat(encrypted(target)).isTrue();
        }
    }

    @Test
    void verifyFullWithThePrivateCaFromPgsslrootcert() throws Exception {
        ConnectionProfile profile = resolver(Map.of("PGSSLROOTCERT", ca.caCertificate().toString(),
                "PGSSLMODE", "verify-full")).resolve(uri("postgres", ""));
        try (Target target = Target.open(profile, OPTIONS)) {
            assertThat(encrypted(target)).isTrue();
        }
    }

    @Test
    void verifyFullWithoutTheCaIsOneSentence() {
        ConnectionProfile profile = resolver(Map.of()).resolve(uri("postgres", "sslmode=verify-full"));
        assertThat(failure(profile)).isEqualTo("sslmode=verify-full needs the certificate of the CA that signed"
                + " the server's: give its file as sslrootcert (or PGSSLROOTCERT).");
    }

    @Test
    void aMissingCaFileIsOneSentenceNamingIt() {
        Path missing = certificates.resolve("no-such-ca.pem");
        ConnectionProfile profile = resolver(Map.of()).resolve(uri("postgres", "sslmode=verify-full&sslrootcert=" + missing));
        assertThat(failure(profile)).isEqualTo("The file " + missing + " given as sslrootcert does not exist or cannot be read.");
    }

    @Test
    void aCaThatDidNotSignTheServersCertificateIsOneSentence() {
        PrivateCa another = PrivateCa.createIn(otherCa);
        ConnectionProfile profile = resolver(Map.of()).resolve(uri("postgres", "sslmode=verify-full&sslrootcert="
                + another.caCertificate()));
        assertThat(failure(profile)).isEqualTo("The server's certificate is not signed by the CA in "
                + another.caCertificate() + ": check sslrootcert.");
    }

    @Test
    void aNameTheCertificateDoesNotHoldIsOneSentence() {
        ConnectionProfile profile = resolver(Map.of()).resolve(uri("postgres", "sslmode=verify-full&sslrootcert="
                + ca.caCertificate()).replace("@localhost:", "@127.0.0.1:"));
        assertThat(failure(profile)).isEqualTo("The server's certificate does not name the host 127.0.0.1:"
                + " connect by a name it holds, or use sslmode=verify-ca.");
    }

    @Test
    void aClientCertificateLogsInAsItsRole() throws Exception {
        ConnectionProfile profile = resolver(Map.of()).resolve(uri(CERT_ROLE, "sslmode=verify-full&sslrootcert="
                + ca.caCertificate() + "&sslcert=" + ca.file(CERT_ROLE + ".crt") + "&sslkey=" + ca.file(CERT_ROLE + ".pk8")));
        try (Target target = Target.open(profile, OPTIONS)) {
            String dn = target.db().fetchValue(DSL.field(
                    "(SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid())", String.class));
            assertThat(dn).isEqualTo("/CN=" + CERT_ROLE);
        }
    }

    @Test
    void aPemClientKeyIsOneSentenceSayingWhatPgJdbcReads() {
        ConnectionProfile profile = resolver(Map.of()).resolve(uri(CERT_ROLE, "sslmode=verify-full&sslrootcert="
                + ca.caCertificate() + "&sslcert=" + ca.file(CERT_ROLE + ".crt") + "&sslkey=" + ca.file(CERT_ROLE + ".key")));
        assertThat(failure(profile)).isEqualTo("The client key " + ca.file(CERT_ROLE + ".key") + " is not"
                + " PKCS-8 DER (.pk8) or PKCS-12 (.p12), the forms pgJDBC reads: convert a PEM key with"
                + " openssl pkcs8 -topk8 -outform DER -nocrypt -in client.key -out client.pk8.");
    }

    private ProfileResolver resolver(Map<String, String> env) {
        return new ProfileResolver(env, home);
    }

    private static String uri(String user, String parameters) {
        return "postgresql://" + user + "@localhost:" + server.getPort() + "/postgres"
                + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    private static boolean encrypted(Target target) {
        return target.db().fetchValue(DSL.field("(SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())",
                Boolean.class));
    }

    private static String failure(ConnectionProfile profile) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try (Target ignored = Target.open(profile, OPTIONS)) {
                // reaching here is the failure
            } catch (SQLException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(SQLException.class);
        return Problems.describe(caught[0], profile);
    }

    static {
        // nothing of the user's own ~/.postgresql may stand in for the test's files
        assertThat(Files.exists(Path.of(System.getProperty("user.home"), ".postgresql", "root.crt"))).isFalse();
    }
}
