package io.pgdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.SslFiles;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connect dialog keeps a profile's SSL files: the CA file is shown and may be edited, the
 * client certificate, key and key password ride along, so a retry or a saved profile still
 * connects with verify-full against a private CA.
 */
class ConnectDialogUiTest {

    private static final SslFiles FILES = new SslFiles("/etc/pgdeck/ca.pem", "/etc/pgdeck/me.crt",
            "/etc/pgdeck/me.pk8", "key-password");
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void connect() {
        robot.interact(() -> robot.lookup(n -> n instanceof Button b && "Connect".equals(b.getText()))
                .queryButton().fire());
    }

    @Test
    void theInitialProfilesSslFilesComeBackInTheAnswer() throws Exception {
        FxToolkit.registerPrimaryStage();
        ConnectionProfile initial = new ConnectionProfile("prod", "db1.example", 5433, "shop", "dba", null,
                "verify-full").withSsl(FILES);
        Future<Optional<ConnectDialog.Answer>> answer = WaitForAsyncUtils.asyncFx(
                () -> ConnectDialog.ask(null, initial, "Connection refused at db1.example:5433.", List.of()));
        WaitForAsyncUtils.waitForFxEvents();

        TextField rootCert = robot.lookup("#connect-sslrootcert").queryAs(TextField.class);
        assertThat(rootCert.getText()).isEqualTo("/etc/pgdeck/ca.pem");
        robot.interact(() -> rootCert.setText("/etc/pgdeck/new-ca.pem"));
        connect();

        ConnectionProfile typed = answer.get(10, TimeUnit.SECONDS).orElseThrow().profile();
        assertThat(typed.ssl()).isEqualTo(new SslFiles("/etc/pgdeck/new-ca.pem", "/etc/pgdeck/me.crt",
                "/etc/pgdeck/me.pk8", "key-password"));
        assertThat(typed.describe()).isEqualTo("dba@db1.example:5433/shop");
        assertThat(typed.sslMode()).isEqualTo("verify-full");
    }

    @Test
    void aChosenSavedProfileBringsItsSslFiles() throws Exception {
        FxToolkit.registerPrimaryStage();
        ConnectionProfile saved = new ConnectionProfile("prod", "db1.example", 5433, "shop", "dba", null,
                "verify-full").withSsl(new SslFiles("/etc/pgdeck/ca.pem", "/etc/pgdeck/me.crt", "/etc/pgdeck/me.pk8", null));
        Future<Optional<ConnectDialog.Answer>> answer = WaitForAsyncUtils.asyncFx(
                () -> ConnectDialog.ask(null, null, null, List.of(saved)));
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> robot.lookup(".combo-box").queryComboBox().getSelectionModel().select(0));
        assertThat(robot.lookup("#connect-sslrootcert").queryAs(TextField.class).getText()).isEqualTo("/etc/pgdeck/ca.pem");
        connect();

        assertThat(answer.get(10, TimeUnit.SECONDS).orElseThrow().profile().ssl()).isEqualTo(saved.ssl());
    }
}
