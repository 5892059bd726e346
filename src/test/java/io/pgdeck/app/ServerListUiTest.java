package io.pgdeck.app;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.ProfileStore;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
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
 * The whole app started on a URI opens that server's tab; a saved server, chosen in its group,
 * opens another; Connect… saves a third in the group typed; and a Connect… that fails
 * says why in one sentence while every open tab goes on as it was; a saved server already open
 * is shown, not opened twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerListUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
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
        await("the URI's server is open").atMost(PATIENCE).until(() -> app.session() != null);
        await("its screens built and sampling").atMost(PATIENCE).until(() -> app.session().overview().rateHistory().size() > 2);
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
    void aSavedServerOpensInATabOfItsOwn() {
        TreeView<ServerList.Entry> list = robot.lookup("#server-list").queryAs(TreeView.class);
        assertThat(list.getRoot().getChildren()).singleElement().satisfies(group -> {
            assertThat(group.getValue().group()).isEqualTo("Staging");
            assertThat(group.getChildren()).extracting(TreeItem::getValue).extracting(e -> e.profile().name())
                    .containsExactly("staging-13");
        });

        robot.interact(() -> list.getSelectionModel().select(list.getRoot().getChildren().get(0).getChildren().get(0)));
        robot.interact(() -> robot.lookup("#server-list-connect").queryButton().fire());

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(app.window().sessions()).hasSize(2);
            assertThat(app.session().target().profile().database()).isEqualTo(DATABASES.name(TestPostgres.OLDEST));
            assertThat(text("#status-target")).endsWith(":" + TestPostgres.OLDEST.port() + "/" + DATABASES.name(TestPostgres.OLDEST));
            assertThat(app.window().tabs().selected().orElseThrow().tab().getText()).isEqualTo("staging-13");
        });
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

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).map(DialogPane::getHeaderText))
                    .as("no dialog back with a problem").isEmpty();
            assertThat(app.window().sessions()).hasSize(3);
            assertThat(app.session().target().profile().database()).isEqualTo(third.database());
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(new ProfileStore(config.resolve("profiles.json")).grouped())
                .containsOnlyKeys("Staging", "Production"));
        TreeView<ServerList.Entry> list = robot.lookup("#server-list").queryAs(TreeView.class);
        await("the list shows the new group").atMost(PATIENCE).until(() -> list.getRoot().getChildren().size() == 2);
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
        DialogPane again = await("the dialog back with the reason").atMost(PATIENCE).until(() -> robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).orElse(null),
                d -> d != null && sentence.equals(d.getHeaderText()));
        assertThat(field("#connect-port").getText()).as("what was typed is kept").isEqualTo(Integer.toString(port));
        press(again, "Cancel");

        assertThat(app.window().sessions()).isEqualTo(before);
        assertThat(app.session()).isSameAs(shown);
        assertThat(text("#status-note")).isEqualTo(sentence);
        int points = shown.overview().rateHistory().size();
        await("the tab shown still samples").atMost(PATIENCE).until(() -> shown.overview().rateHistory().size() > points);
        await("the status bar counts the open servers").atMost(PATIENCE).until(() -> text("#status-servers").equals("3 servers · all fine"));
    }

    @Test
    @Order(5)
    void aDoubleClickedSavedServerAlreadyOpenIsShownNotOpenedTwice() {
        // selected as a first click does; the double-click fired as such: two robot clicks on a
        // loaded machine can arrive too far apart to count as one double-click
        TreeView<ServerList.Entry> list = robot.lookup("#server-list").queryAs(TreeView.class);
        robot.interact(() -> list.getSelectionModel().select(list.getRoot().getChildren().stream()
                .filter(g -> g.getValue().group().equals("Staging")).findFirst().orElseThrow().getChildren().get(0)));
        Node cell = robot.lookup(n -> n instanceof TreeCell<?> c && "staging-13".equals(c.getText())).query();
        robot.interact(() -> Event.fireEvent(cell, new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5,
                MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, false, null)));

        assertThat(app.window().sessions()).hasSize(3);
        assertThat(app.session().target().profile().name()).isEqualTo("staging-13");
    }

    private DialogPane openConnectDialog() {
        // not through interact: the dialog's showAndWait holds the call until the dialog closes
        Platform.runLater(() -> robot.lookup("#connect").queryButton().fire());
        DialogPane dialog = await("the connect dialog").atMost(PATIENCE).until(() -> robot.lookup("#connect-dialog").tryQueryAs(DialogPane.class).orElse(null), d -> d != null);
        return dialog;
    }

    private void press(DialogPane dialog, String button) {
        ButtonType type = dialog.getButtonTypes().stream().filter(t -> button.equals(t.getText())).findFirst().orElseThrow();
        robot.interact(() -> ((Button) dialog.lookupButton(type)).fire());
    }

    private TextField field(String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
