package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A password typed into a mistyped command line appears nowhere: not on stdout or stderr of the
 * command, not in the log. Each mistake gets one sentence (and, for a command-line mistake, where
 * to find the usage).
 */
class PasswordNeverPrintedTest {

    private static final String PASSWORD = "s3cr3t-PW";

    @TempDir
    Path home;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        root().detachAppender(log);
    }

    static Stream<Arguments> mistakes() {
        return Stream.<Object>of(
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "@localhost:99999/db"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "@localhost/db?colour=blue"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "@[::1/db"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "%zz@localhost/db"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "@localhost/db?sslmode=sometimes"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "/db"},
                new String[] {"snapshot", "postgresql://u:s3cr3t@-PW@localhost/db"},
                new String[] {"snapshot", "postgresql://u:" + PASSWORD + "@localhost/db?password"},
                new String[] {"snapshot", "jdbc:postgresql://u:" + PASSWORD + "@localhost:5432/db"},
                new String[] {"snapshot", "jdbc:postgresql://localhost/db?password=" + PASSWORD + "&sslmode=sometimes"},
                new String[] {"snapshot", "host=localhost password=s3cr3t -PW dbname=db"},
                new String[] {"snapshot", "host=localhost password='" + PASSWORD},
                new String[] {"check", "-h", "postgresql://u:" + PASSWORD + "@localhost:5432/db"},
                new String[] {"check", "-p", "postgresql://u:" + PASSWORD + "@localhost:5432/db"},
                new String[] {"check", "-p", PASSWORD},
                new String[] {"check", "-d", "postgresql://u:" + PASSWORD + "@localhost:99999/db"},
                new String[] {"snapshot", "postgresql://u:s3cr3t", "-PW@localhost/db"},
                new String[] {"snapshot", "--password=" + PASSWORD, "db"}).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aMistypedCommandLineNeverEchoesThePassword(String[] args) {
        CliRun run = CliRun.of(home, args);

        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
        assertNowhere(run);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.toString()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(lines.get(0)).as(run.toString()).startsWith("pgdeck: ").endsWith(".")
                .doesNotContain("Exception", "\tat ");
        if (lines.size() == 2) {
            assertThat(lines.get(1)).matches("See 'pgdeck (snapshot|check) --help'\\.");
        }
    }

    @Test
    void aRefusedConnectionNamesTheServerNotThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun run = CliRun.of(home, "snapshot", "postgresql://u:" + PASSWORD + "@localhost:" + closed + "/db");

        assertThat(run.err()).isEqualTo("pgdeck: Connection refused at localhost:" + closed
                + ": is PostgreSQL running and listening on that host and port?" + System.lineSeparator());
        assertNowhere(run);
    }

    @Test
    void aSuccessfulSnapshotPrintsNeitherThePasswordNorTheKeysPassword() {
        int port = TestPostgres.NEWEST.port();
        CliRun run = CliRun.of(home, "snapshot", "--json", "postgresql://postgres:" + PASSWORD + "@localhost:" + port
                + "/postgres?sslmode=disable&sslpassword=" + PASSWORD);

        assertThat(run.exit()).as(run.toString()).isLessThanOrEqualTo(Cli.EXIT_WARN);
        assertThat(run.out()).contains("\"postgres\"");
        assertNowhere(run);
    }

    private void assertNowhere(CliRun run) {
        assertThat(run.out() + run.err()).as(run.toString()).doesNotContain("s3cr3t", "PW@", "-PW");
        assertThat(log.list).allSatisfy(event -> assertThat(everything(event)).as("log").doesNotContain("s3cr3t"));
    }

    /** The line and every message of its exception chain, as a log file would hold them. */
    private static String everything(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
