package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.ProfileStore;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.Eventually;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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
 * The whole app started on a URI opens that server's tab; a saved server, double-clicked in its
 * group, opens another; Connect… saves a third in the group typed; and a Connect… that fails
 * says why in one sentence while every open tab goes on as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerListUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ClassDatabases DATABASES = new ClassDatabases();
    private static final ClassDatabases MORE = new ClassDatabases();
    private static Path config;
    private static PgdeckApp app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startOnAUri() throws Exception {
        config = Files.createTempDirectory("pgdeck-config");
        System.setProperty("pgdeck.config.dir", config.toString());
        new ProfileStore(config.resolve("profiles.json"))
                .save(DATABASES.profile(TestPostgres.OLDEST).withName("staging-13"), "Staging");
        ConnectionProfile first = DATABASES.profile(TestPostgres.NEWEST);
        FxToolkit.registerPrimaryStage();
        app = (PgdeckApp) FxToolkit.setupApplication(PgdeckApp.class,
                "postgresql://postgres@localhost:" + first.port() + "/" + first.database() + "?sslmode=disable");
        Eventually.until(PATIENCE, "the URI's server is open", () -> app.session() != null);
    }

    @AfterAll
    static void stopApp() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pgdeck.config.dir");
        DATABASES.close();
        MORE.close();
    }

    @Test
    @Order(1)
    void theUrisServerIsTheFirstTab() {
        assertThat(app.window().sessions()).hasSize(1);
        assertThat(text("#status-target")).endsWith("/" + DATABASES.name(TestPostgres.NEWEST));
        assertThat(robot.lookup("#center-message").tryQuery()).as("no message over the tab").satisfiesAnyOf(
                m -> assertThat(m).isEmpty(), m -> assertThat(m.orElseThrow().isVisible()).isFalse());
    }

    @Test
    @Order(2)
    void aDoubleClickedSavedServerOpensInATabOfItsOwn() {
        TreeView<ServerList.Entry> list = robot.lookup("#server-list").queryAs(TreeView.class);
        assertThat(list.getRoot().getChildren()).singleElement().satisfies(group -> {
            assertThat(group.getValue().group()).isEqualTo("Staging");
            assertThat(group.getChildren()).extracting(TreeItem::getValue).extracting(e -> e.profile().name())
                    .containsExactly("staging-13");
        });

        robot.doubleClickOn("staging-13");

        Eventually.until(PATIENCE, "the saved server's tab", () -> app.window().sessions().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(app.session().target().profile().database()).isEqualTo(DATABASES.name(TestPostgres.OLDEST));
        assertThat(text("#status-target")).endsWith(":" + TestPostgres.OLDEST.port() + "/" + DATABASES.name(TestPostgres.OLDEST));
        assertThat(app.window().tabs().selected().orElseThrow().tab().getText()).isEqualTo("staging-13");
    }

    @Test
    @Order(3)
    void connectOpensANewTabAndSavesItInTheGroupTyped() {
        ConnectionProfile third = MORE.profile(TestPostgres.NEWEST);
        DialogPane dialog = openConnectDialog();
        robot.interact(() -> {
            field("#connect-host").setText("localhost");
            field("#connect-port").setText(Integer.toString(third.port()));
            field("#connect-database").setText(third.database());
            robot.lookup("#connect-save").queryAs(CheckBox.class).setSelected(true);
            field("#connect-group").setText("Production");
            robot.lookup(n -> n instanceof TextField t && "name to save this profile under".equals(t.getPromptText()))
                    .queryAs(TextField.class).setText("prod-17");
        });
        press(dialog, "Connect");

        Eventually.until(PATIENCE, "the third tab", () -> app.window().sessions().size() == 3);
        assertThat(app.session().target().profile().database()).isEqualTo(third.database());
        Eventually.untilAsserted(PATIENCE, () -> assertThat(new ProfileStore(config.resolve("profiles.json")).grouped())
                .containsOnlyKeys("Staging", "Production"));
        TreeView<ServerList.Entry> list = robot.lookup("#server-list").queryAs(TreeView.class);
        Eventually.until(PATIENCE, "the list shows the new group", () -> list.getRoot().getChildren().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(list.getScene(), "tabs-server-list");
    }

    @Test
    @Order(4)
    void aFailedConnectKeepsEveryTabAsItWas() throws Exception {
        Session shown = app.session();
        List<Session> before = app.window().sessions();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        DialogPane dialog = openConnectDialog();
        robot.interact(() -> field("#connect-port").setText(Integer.toString(port)));
        press(dialog, "Connect");

        String sentence = "Connection refused at localhost:" + port
                + ": is PostgreSQL running and listening on that host and port?";
        DialogPane again = Eventually.until(PATIENCE, "the dialog back with the reason",
                () -> robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).orElse(null),
                d -> d != null && sentence.equals(d.getHeaderText()));
        assertThat(field("#connect-port").getText()).as("what was typed is kept").isEqualTo(Integer.toString(port));
        press(again, "Cancel");

        assertThat(app.window().sessions()).isEqualTo(before);
        assertThat(app.session()).isSameAs(shown);
        assertThat(text("#status-note")).isEqualTo(sentence);
        int points = shown.overview().rateHistory().size();
        Eventually.until(PATIENCE, "the tab shown still samples", () -> shown.overview().rateHistory().size() > points);
        Eventually.until(PATIENCE, "the status bar counts the open servers",
                () -> text("#status-servers").equals("3 servers · all fine"));
    }

    private DialogPane openConnectDialog() {
        robot.clickOn("#connect");
        DialogPane dialog = Eventually.until(PATIENCE, "the connect dialog",
                () -> robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).orElse(null), d -> d != null);
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    private void press(DialogPane dialog, String button) {
        ButtonType type = dialog.getButtonTypes().stream().filter(t -> button.equals(t.getText())).findFirst().orElseThrow();
        robot.interact(() -> ((Button) dialog.lookupButton(type)).fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TextField field(String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
