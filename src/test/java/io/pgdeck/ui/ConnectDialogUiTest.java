package io.pgdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.SslFiles;
import io.pgdeck.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connection dialog keeps what it does not show (the SSL files, the admin console), offers
 * the pooler choice and the direct address, and refuses a direct address that is not host:port.
 */
class ConnectDialogUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void keepsSslFilesAndPoolerAndChecksTheDirectAddress() throws Exception {
        FxToolkit.registerPrimaryStage();
        SslFiles ssl = new SslFiles("/etc/pg/root.crt", "/etc/pg/client.crt", "/etc/pg/client.key", null);
        ConnectionProfile initial = new ConnectionProfile("prod", "bouncer.example.com", 6432, "app", "alice", null,
                "require", ssl, new Pooler(Pooler.Mode.POOLED, "db1:5432", "postgresql://admin@bouncer/pgbouncer"));
        CompletableFuture<Optional<ConnectDialog.Answer>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(ConnectDialog.ask(null, initial, null, List.of())));
        Eventually.until(PATIENCE, "the dialog shows", () -> robot.lookup("#connect-direct").tryQuery().isPresent());

        TextField direct = robot.lookup("#connect-direct").queryAs(TextField.class);
        assertThat(direct.getText()).isEqualTo("db1:5432");
        DialogPane pane = robot.lookup("#connect-dialog").queryAs(DialogPane.class);
        Button connect = pane.getButtonTypes().stream().filter(t -> "Connect".equals(t.getText()))
                .map(t -> (Button) pane.lookupButton(t)).findFirst().orElseThrow();
        robot.interact(() -> direct.setText("db1:port"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connect-direct-problem").queryAs(Label.class).getText())
                .isEqualTo("The direct address \"db1:port\" is not host:port (db1:5432, or [::1]:5432).");
        assertThat(connect.isDisabled()).isTrue();

        robot.interact(() -> direct.setText("db2:5433"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(connect.isDisabled()).isFalse();
        robot.interact(connect::fire);

        ConnectionProfile chosen = answer.get(10, TimeUnit.SECONDS).orElseThrow().profile();
        assertThat(chosen.ssl()).isEqualTo(ssl);
        assertThat(chosen.pooler()).isEqualTo(new Pooler(Pooler.Mode.POOLED, "db2:5433",
                "postgresql://admin@bouncer/pgbouncer"));
        assertThat(chosen.describe()).isEqualTo("alice@bouncer.example.com:6432/app");
    }
}
