package io.pgdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.RedisSource;
import io.pgdeck.connect.SslFiles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
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
 * The connect dialog keeps a profile's SSL files (the CA file shown and editable, the client
 * certificate, key and key password riding along) and its admin console, so a retry or a saved
 * profile still connects; it offers the pooler choice and the direct address, and refuses a
 * direct address that is not host:port.
 */
class ConnectDialogUiTest {

    private static final SslFiles FILES = new SslFiles("/etc/pgdeck/ca.pem", "/etc/pgdeck/me.crt",
            "/etc/pgdeck/me.pk8", "key-password");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
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

    @Test
    void keepsSslFilesAndPoolerAndChecksTheDirectAddress() throws Exception {
        FxToolkit.registerPrimaryStage();
        SslFiles ssl = new SslFiles("/etc/pg/root.crt", "/etc/pg/client.crt", "/etc/pg/client.key", null);
        ConnectionProfile initial = new ConnectionProfile("prod", "bouncer.example.com", 6432, "app", "alice", null,
                "require", ssl, new Pooler(Pooler.Mode.POOLED, "db1:5432", "postgresql://admin@bouncer/pgbouncer"));
        CompletableFuture<Optional<ConnectDialog.Answer>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(ConnectDialog.ask(null, initial, null, List.of())));
        await("the dialog shows").atMost(PATIENCE).until(() -> robot.lookup("#connect-direct").tryQuery().isPresent());

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

    @Test
    void redisAddressesOfBullMqQueuesAreCheckedAndComeBackWithTheirPrefix() throws Exception {
        FxToolkit.registerPrimaryStage();
        ConnectionProfile initial = new ConnectionProfile("prod", "db1.example", 5432, "app", "alice", null, "prefer",
                SslFiles.NONE, Pooler.DETECT, List.of(new RedisSource("redis://:s3cret@cache.example:6379/0", "jobs")));
        CompletableFuture<Optional<ConnectDialog.Answer>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(ConnectDialog.ask(null, initial, null, List.of())));
        await("the dialog shows").atMost(PATIENCE).until(() -> robot.lookup("#connect-redis").tryQuery().isPresent());

        TextField redis = robot.lookup("#connect-redis").queryAs(TextField.class);
        assertThat(redis.getText()).as("the password is not shown").isEqualTo("redis://cache.example:6379/0");
        robot.interact(() -> redis.setText("redis://cache.example:6379/0, cache2.example:6379"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connect-redis-problem").queryAs(Label.class).getText())
                .isEqualTo("A Redis address reads redis://[:password@]host:port[/db], not cache2.example:6379.");

        robot.interact(() -> redis.setText("redis://cache.example:6379/0, redis://cache2.example:6380"));
        WaitForAsyncUtils.waitForFxEvents();
        connect();

        assertThat(answer.get(10, TimeUnit.SECONDS).orElseThrow().profile().redis()).containsExactly(
                new RedisSource("redis://:s3cret@cache.example:6379/0", "jobs"), RedisSource.of("redis://cache2.example:6380"));
    }
}
