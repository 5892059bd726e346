package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.Backend;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole app, headless, as a user meets it: started without arguments it brings up the
 * embedded demo; every screen shows live data; cancel on a planted long query ends it.
 * Writes a PNG of each screen to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgdeckAppUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static PgdeckApp app;
    private static Path configDir;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startApp() throws Exception {
        configDir = Files.createTempDirectory("pgdeck-config");
        System.setProperty("pgdeck.config.dir", configDir.toString());
        FxToolkit.registerPrimaryStage();
        app = (PgdeckApp) FxToolkit.setupApplication(PgdeckApp.class);
        await("the demo is connected").atMost(PATIENCE).until(() -> app.session() != null);
    }

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pgdeck.config.dir");
    }

    @Test
    @Order(1)
    void overviewShowsTheDemoMoving() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(app.session().overview().commitsPerSecondProperty().get()).isPositive();
            assertThat(app.session().overview().totalSizeProperty().get()).isPositive();
            assertThat(app.session().overview().rateHistory().size()).isGreaterThan(3);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status-state").queryAs(Label.class).getText()).isEqualTo("connected");
        assertThat(robot.lookup("#status-target").queryAs(Label.class).getText()).contains("pgdeck_demo");
        screenshot("overview");
    }

    @Test
    @Order(2)
    void cancelEndsAPlantedLongQuery() throws Exception {
        ConnectionProfile demo = app.session().target().profile();
        CompletableFuture<SQLException> planted = plantLongQuery(demo);
        robot.clickOn("Connections & pools");
        TableView<Backend> longRunning = robot.lookup("#long-running").queryTableView();
        Backend victim = await("the planted query is listed as long-running").atMost(PATIENCE).until(
                () -> longRunning.getItems().stream().filter(b -> "planted-long-query".equals(b.application()))
                        .findFirst().orElse(null), b -> b != null);
        screenshot("connections");

        robot.interact(() -> longRunning.getSelectionModel().select(victim));
        robot.clickOn("#cancel-backend");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#confirm-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).isEqualTo("select pg_catalog.pg_cancel_backend(" + victim.pid() + ");");
        screenshot("confirm-cancel", sql.getScene());
        robot.clickOn("Run");

        SQLException cancelled = planted.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat((Throwable) cancelled).isNotNull();
        assertThat(cancelled.getSQLState()).isEqualTo("57014");
        await().atMost(PATIENCE).untilAsserted(() -> {
            java.util.List<AuditLog.Entry> entries = new AuditLog(configDir.resolve("audit.log")).read();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).sql()).contains("pg_cancel_backend(" + victim.pid() + ")");
            assertThat(entries.get(0).outcome()).isEqualTo("SUCCEEDED");
        });
    }

    @Test
    @Order(3)
    void blockingAndAllBackendsTabs() {
        robot.clickOn("Connections & pools");
        robot.clickOn("Blocking");
        screenshot("connections-blocking");
        robot.clickOn("All backends");
        TableView<Backend> all = robot.lookup("#backends").queryTableView();
        await("the demo's workers are listed").atMost(PATIENCE).until(() -> all.getItems().stream().anyMatch(b -> b.application() != null && !b.application().isBlank()));
        screenshot("connections-all");
    }

    private void screenshot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene() != null
                && s.getScene().lookup("#navigation") != null).findFirst().orElseThrow().getScene();
        Screenshots.save(scene, name);
    }

    private void screenshot(String name, Scene scene) {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name);
    }

    private static CompletableFuture<SQLException> plantLongQuery(ConnectionProfile demo) {
        CompletableFuture<SQLException> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Properties props = new Properties();
            props.setProperty("user", demo.user());
            if (demo.password() != null) {
                props.setProperty("password", demo.password());
            }
            props.setProperty("ApplicationName", "planted-long-query");
            try (Connection c = DriverManager.getConnection(demo.jdbcUrl(), props); Statement st = c.createStatement()) {
                st.execute("SELECT pg_sleep(300)");
                outcome.complete(null);
            } catch (SQLException e) {
                outcome.complete(e);
            }
        }, "planted-long-query");
        t.setDaemon(true);
        t.start();
        return outcome;
    }
}
