package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.pgdeck.testing.Screenshots;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.slf4j.LoggerFactory;

/**
 * Started on a server that is not there, pgdeck opens the connect dialog with the reason on top
 * and what the command line named already filled in (host, port, database), so the user fixes
 * one field and retries. A password in the URI is kept for the retry but shown nowhere: not in
 * the dialog's header, the window, or the log.
 */
class StartupRetryUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PASSWORD = "s3cr3t-PW";

    private final FxRobot robot = new FxRobot();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private PgdeckApp app;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("pgdeck.config.dir", Files.createTempDirectory("pgdeck-config").toString());
        log.start();
        root().addAppender(log);
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        root().detachAppender(log);
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("pgdeck.config.dir");
    }

    @Test
    void aFailedStartKeepsHostPortAndDatabaseForTheRetry() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        app = (PgdeckApp) FxToolkit.setupApplication(PgdeckApp.class,
                "postgresql://postgres:" + PASSWORD + "@localhost:" + closed + "/shopdb?sslmode=prefer&sslrootcert=/etc/ca.pem");
        DialogPane dialog = awaitDialog();

        assertThat(dialog.getHeaderText()).isEqualTo("Connection refused at localhost:" + closed
                + ": is PostgreSQL running and listening on that host and port?");
        assertThat(field("#connect-host")).isEqualTo("localhost");
        assertThat(field("#connect-port")).isEqualTo(Integer.toString(closed));
        assertThat(field("#connect-database")).isEqualTo("shopdb");
        assertThat(field("#connect-user")).isEqualTo("postgres");
        assertThat(field("#connect-sslrootcert")).isEqualTo("/etc/ca.pem");
        assertThat(robot.lookup("#connect-password").queryAs(PasswordField.class).getText())
                .as("kept for the retry, behind the password field's dots").isEqualTo(PASSWORD);
        Screenshots.save(dialog.getScene(), "connect-retry");
        assertShownNowhere();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://postgres:s3cr3t-PW@localhost:99999/shopdb | The port is not a number between 1 and 65535.",
        "postgresql://postgres:s3cr3t-PW@localhost/shopdb?colour=blue"
                + " | The URI parameter \"colour\" is not a libpq connection option.",
        "postgresql://postgres:s3cr3t-PW@[::1/shopdb | The URI has an IPv6 host without its closing \"]\".",
        "postgresql://postgres:s3cr3t-PW%zz@localhost/shopdb"
                + " | The URI has a \"%\" not followed by two hex digits (write a literal % as %25).",
        "postgresql://postgres:s3cr3t-PW@localhost/shopdb?sslmode=sometimes"
                + " | The sslmode \"sometimes\" is not one of disable, allow, prefer, require, verify-ca, verify-full."})
    void aMistypedUriGivesOneSentenceWithoutThePassword(String uri, String sentence) throws Exception {
        app = (PgdeckApp) FxToolkit.setupApplication(PgdeckApp.class, uri);
        DialogPane dialog = awaitDialog();

        assertThat(dialog.getHeaderText()).isEqualTo(sentence);
        assertShownNowhere();
    }

    private DialogPane awaitDialog() {
        DialogPane dialog = await("the connect dialog").atMost(PATIENCE).until(
                () -> robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).orElse(null), d -> d != null);
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    private String field(String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    /** No label or text of any window, and no log line or exception message, holds the password. */
    private void assertShownNowhere() {
        assertThat(robot.lookup(n -> n instanceof Labeled).queryAllAs(Labeled.class))
                .allSatisfy(l -> assertThat(String.valueOf(l.getText())).doesNotContain("s3cr3t"));
        assertThat(robot.lookup(n -> n instanceof TextField && !(n instanceof PasswordField)).queryAllAs(TextField.class))
                .allSatisfy(t -> assertThat(String.valueOf(t.getText())).doesNotContain("s3cr3t"));
        assertThat(robot.lookup(n -> n instanceof DialogPane).queryAllAs(DialogPane.class))
                .allSatisfy(d -> assertThat(String.valueOf(d.getHeaderText())).doesNotContain("s3cr3t"));
        assertThat(log.list).isNotEmpty().allSatisfy(event -> {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append('\n').append(t.getMessage());
            }
            assertThat(text.toString()).doesNotContain("s3cr3t");
        });
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
