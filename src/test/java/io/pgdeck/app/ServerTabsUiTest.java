package io.pgdeck.app;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
 * Three servers side by side in one window, on databases of the newest and the oldest
 * PostgreSQL: each tab shows its own server and keeps its history while hidden, a hidden tab
 * holds one connection, the status bar names the server that needs attention, and Ctrl+W
 * closes a tab's session down to its last connection.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerTabsUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ClassDatabases FIRST = new ClassDatabases();
    private static final ClassDatabases SECOND = new ClassDatabases();
    private static final AtomicReference<Scene> SCENE = new AtomicReference<>();
    private static MainWindow window;
    private static List<ConnectionProfile> profiles;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openThreeTabs() throws Exception {
        Path config = Files.createTempDirectory("pgdeck-config");
        profiles = List.of(FIRST.profile(TestPostgres.NEWEST), FIRST.profile(TestPostgres.OLDEST),
                SECOND.profile(TestPostgres.NEWEST));
        FxToolkit.registerPrimaryStage();
        window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            SCENE.set(window.scene(1440, 900));
            stage.setScene(SCENE.get());
            stage.show();
        });
        for (ConnectionProfile profile : profiles) {
            Session session = Session.open(profile, Duration.ofMillis(500), new FxDialogService(null),
                    window.readOnlyProperty(), new AuditLog(config.resolve("audit.log")));
            FxToolkit.setupFixture(() -> window.showSession(session));
        }
    }

    @AfterAll
    static void closeWindow() throws Exception {
        FxToolkit.setupFixture(() -> window.tabs().pane().getTabs().clear());
        FxToolkit.cleanupStages();
        FIRST.close();
        SECOND.close();
    }

    @Test
    @Order(1)
    void eachTabShowsItsOwnServerAndKeepsItsHistoryWhileHidden() throws Exception {
        Session third = shown();
        assertThat(third.target().profile().database()).isEqualTo(profiles.get(2).database());
        await("the shown tab samples").atMost(PATIENCE).until(() -> third.overview().rateHistory().size() > 3);
        Session first = session(0);
        int firstPoints = first.overview().rateHistory().size();
        Node firstContent = window.tabs().all().get(0).tab().getContent();

        robot.clickOn(SCENE.get().getRoot()).push(KeyCode.CONTROL, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown()).as("Ctrl+Tab goes round from the last tab to the first").isSameAs(first);
        assertThat(text("#status-target")).endsWith(":" + TestPostgres.NEWEST.port() + "/" + profiles.get(0).database());
        assertThat(window.tabs().all().get(0).tab().getContent()).as("nothing rebuilt").isSameAs(firstContent);
        assertThat(first.overview().rateHistory().size()).as("its points kept").isGreaterThanOrEqualTo(firstPoints);
        await("the tab shown again samples again").atMost(PATIENCE).until(() -> first.overview().rateHistory().size() > firstPoints);

        robot.push(KeyCode.CONTROL, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown()).isSameAs(session(1));
        assertThat(text("#status-target")).endsWith(":" + TestPostgres.OLDEST.port() + "/" + profiles.get(1).database());
        assertThat(text("#status-role")).isNotBlank();
        await("the oldest server's tab samples").atMost(PATIENCE).until(() -> session(1).overview().rateHistory().size() > 3);

        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown()).as("Ctrl+Shift+Tab goes back").isSameAs(first);
        await("the status bar counts every server").atMost(PATIENCE).until(() -> text("#status-servers").equals("3 servers · all fine"));
        screenshot("tabs-three-servers");
    }

    @Test
    @Order(2)
    void aHiddenTabHoldsOneConnection() {
        assertThat(shown()).isSameAs(session(0));
        for (int hidden : new int[] {1, 2}) {
            Target target = session(hidden).target();
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(target.poolStats().total()).as("pool of hidden tab %d", hidden).isLessThanOrEqualTo(1);
                assertThat(pgdeckConnections(profiles.get(hidden))).as("server side of hidden tab %d", hidden)
                        .isLessThanOrEqualTo(1);
            });
        }
    }

    @Test
    @Order(3)
    void theStatusBarNamesTheServerThatNeedsAttention() throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        Session third = shown();
        assertThat(third).isSameAs(session(2));
        String name = ServerTab.title(profiles.get(2));
        String database = profiles.get(2).database();
        try {
            TestPostgres.NEWEST.execute("postgres", "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            await("the status bar names the server gone").atMost(PATIENCE).until(() -> text("#status-servers").equals("3 servers · 1 needs attention: " + name + " unreachable"));
            assertThat(text("#status-state")).startsWith("reconnecting: ");
            screenshot("tabs-attention");
        } finally {
            TestPostgres.NEWEST.execute("postgres", "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
        }
        await("the server back, all fine again").atMost(PATIENCE).until(() -> text("#status-servers").equals("3 servers · all fine"));
    }

    @Test
    @Order(4)
    void ctrlWClosesTheTabAndItsConnections() throws Exception {
        Session third = shown();
        ConnectionProfile closed = third.target().profile();
        await("the shown tab's connections are open").atMost(PATIENCE).until(() -> pgdeckConnections(closed) > 0);

        robot.push(KeyCode.CONTROL, KeyCode.W);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.sessions()).hasSize(2).doesNotContain(third);
        assertThat(shown().target().profile().database()).isNotEqualTo(closed.database());
        await("the closed tab's connections are gone").atMost(PATIENCE).until(() -> pgdeckConnections(closed) == 0);
        await("the status bar counts the servers left").atMost(PATIENCE).until(() -> text("#status-servers").equals("2 servers · all fine"));
    }

    private static Session shown() {
        return window.session().orElseThrow();
    }

    private static Session session(int tab) {
        return window.sessions().get(tab);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The monitoring pool's sessions on the profile's database, as the server counts them. */
    private static int pgdeckConnections(ConnectionProfile profile) {
        TestPostgres server = profile.port() == TestPostgres.OLDEST.port() ? TestPostgres.OLDEST : TestPostgres.NEWEST;
        try (Connection c = server.connect("postgres");
             PreparedStatement count = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND application_name = ?")) {
            count.setString(1, profile.database());
            count.setString(2, Target.APPLICATION_NAME);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void screenshot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(SCENE.get(), name);
    }
}
