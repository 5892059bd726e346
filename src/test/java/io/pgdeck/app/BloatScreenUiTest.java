package io.pgdeck.app;

import io.pgdeck.ui.bloat.BloatScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.BloatFixture;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.demo.PlantedSituations;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.bloat.TableRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Bloat & vacuum screen headless: on the demo it finds the planted bloated table; on a
 * database of its own the Vacuum button goes through the confirm dialog, shows progress, and
 * the table's counters change.
 */
class BloatScreenUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    private Session session;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void closeSession() throws Exception {
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void theDemoShowsItsPlantedBloatedTable() throws Exception {
        Scene scene = open(TestDemo.profile());
        String planted = PlantedSituations.BLOATED_TABLE.first() + "." + PlantedSituations.BLOATED_TABLE.last();
        TableView<TableRow> tables = robot.lookup("#bloat-tables").queryTableView();
        TableRow row = await("the planted table with its estimate and counters").atMost(PATIENCE).until(
                () -> tables.getItems().stream().filter(r -> r.table().toString().equals(planted)
                        && r.estimate() != null && r.vacuum() != null).findFirst().orElse(null), r -> r != null);
        assertThat(row.wastedBytes()).isPositive();
        assertThat(row.autovacuum()).startsWith("off");
        assertThat(tables.getItems().get(0).table().toString()).as("the most bloated first").isEqualTo(planted);
        robot.interact(() -> tables.getSelectionModel().select(row));
        await("two points of its dead tuples").atMost(PATIENCE).until(() -> session.screen(BloatScreen.class).viewModel().deadTupleHistory(row.table()).size() >= 2);
        await("the database size is charted").atMost(PATIENCE).until(() -> session.screen(BloatScreen.class).viewModel().sizeHistory().size() >= 1);
        robot.clickOn("#measure-exactly");
        Label measured = robot.lookup("#measure-message").queryAs(Label.class);
        await("pgstattuple's figure").atMost(PATIENCE).until(() -> measured.getText().contains("measured by pgstattuple"));
        screenshot(scene, "bloat");
    }

    @Test
    void theVacuumButtonConfirmsRunsWithProgressAndClearsDeadTuples() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile db = pg.freshDatabase();
        BloatFixture.plant(pg, db.database());
        // slow enough that the progress bar and its Cancel button are on screen for a while
        pg.execute(db.database(), "ALTER DATABASE " + db.database() + " SET vacuum_cost_delay = '2ms'",
                "ALTER DATABASE " + db.database() + " SET vacuum_cost_limit = 5");
        Scene scene = open(db);
        TableView<TableRow> tables = robot.lookup("#bloat-tables").queryTableView();
        TableRow row = await("the bloated table with its counters").atMost(PATIENCE).until(
                () -> tables.getItems().stream().filter(r -> r.table().equals(BloatFixture.RELATION)
                        && r.vacuum() != null).findFirst().orElse(null), r -> r != null);
        assertThat(row.deadTuples()).isPositive();
        robot.interact(() -> tables.getSelectionModel().select(row));

        robot.clickOn("#vacuum-table");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#confirm-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).contains("VACUUM (ANALYZE) \"Odd \"\"Schema\"\" ä\".\"Bloated Tåble \"\"x\"\"\";");
        screenshot(sql.getScene(), "bloat-confirm-vacuum");
        robot.clickOn("Run");

        await("the progress bar shows a phase").atMost(PATIENCE).until(() -> robot.lookup("#action-phase").queryAs(Label.class).getText().startsWith("vacuum: "));
        screenshot(scene, "bloat-vacuum-running");
        Label message = robot.lookup("#bloat-action-message").queryAs(Label.class);
        await("the outcome with sizes before and after").atMost(PATIENCE).until(() -> message.getText().contains("Vacuumed " + BloatFixture.RELATION + ": size "));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(new AuditLog(tmp.resolve("audit.log")).read())
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("SUCCEEDED")));
        await("the counters after the vacuum").atMost(PATIENCE).until(() -> tables.getItems().stream()
                .filter(r -> r.table().equals(BloatFixture.RELATION)).anyMatch(r -> r.vacuum() != null
                        && r.vacuum().lastVacuum() != null && r.deadTuples() == 0));
        screenshot(scene, "bloat-after-vacuum");
    }

    private Scene open(ConnectionProfile profile) throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            scene.set(window.scene(1600, 1000));
            stage.setScene(scene.get());
            stage.show();
        });
        session = Session.open(profile, Duration.ofMillis(500), new FxDialogService(scene.get().getWindow()),
                window.readOnlyProperty(), new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> {
            window.showSession(session);
            window.select("Bloat & vacuum");
        });
        WaitForAsyncUtils.waitForFxEvents();
        return scene.get();
    }

    private static void screenshot(Scene scene, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name);
    }

}
