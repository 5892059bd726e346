package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.SslFiles;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The log as shipped (src/main/resources/logback.xml) hides a password a library quotes: HikariCP's
 * DEBUG dump of the pool's settings masks "password" but prints "sslpassword" as it is, and an
 * exception's message may carry a URL with its user info.
 */
class LogPasswordMaskTest {

    private static final String PASSWORD = "s3cr3t-PW";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void shippedConfigurationOnCapturedStderr() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        configure(getClass().getResource("/logback.xml"));
    }

    @AfterEach
    void testConfigurationBack() throws Exception {
        configure(getClass().getResource("/logback-test.xml"));
        System.setErr(originalErr);
    }

    @Test
    void hikarisSettingsDumpAndExceptionMessagesAreMasked() throws Exception {
        context().getLogger("com.zaxxer.hikari").setLevel(Level.DEBUG);
        ConnectionProfile profile = TestPostgres.NEWEST.profile("postgres").withPassword(PASSWORD)
                .withSsl(new SslFiles(null, null, null, PASSWORD));
        try (Target ignored = Target.open(profile, TargetOptions.defaults())) {
            LoggerFactory.getLogger(LogPasswordMaskTest.class).warn("could not reach the server",
                    new SQLException("Unable to parse URL jdbc:postgresql://u:" + PASSWORD + "@db/x?password=" + PASSWORD,
                            "08001"));
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("HikariCP's dump of the driver properties").contains("sslpassword=***");
        assertThat(log).contains("could not reach the server", "jdbc:postgresql://u:***@db/x?password=***");
        assertThat(log).as("the exception printed once").containsOnlyOnce("java.sql.SQLException");
        assertThat(log).doesNotContain("s3cr3t");
    }

    private static void configure(URL file) throws Exception {
        LoggerContext context = context();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(file);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
