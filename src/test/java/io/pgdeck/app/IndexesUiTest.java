package io.pgdeck.app;

import io.pgdeck.ui.indexes.IndexesScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.demo.PlantedSituations;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.indexes.IndexFilter;
import io.pgdeck.connect.ConnectionProfile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.jooq.Name;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The index screen on the demo: the planted unused, duplicate and invalid indexes are flagged,
 * and the reindex button goes through its confirmation (with the exact SQL) to a finished,
 * audited REINDEX INDEX CONCURRENTLY whose sizes the screen reports.
 */
class IndexesUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path tmp;
    private Session session;

    @AfterEach
    void closeSession() throws Exception {
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void flagsThePlantedIndexesAndReindexesThroughTheConfirmDialog() throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            scene.set(window.scene(1400, 900));
            stage.setScene(scene.get());
            stage.show();
        });
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        session = Session.open(TestDemo.profile(), Duration.ofSeconds(1), new FxDialogService(null),
                window.readOnlyProperty(), audit);
        FxToolkit.setupFixture(() -> {
            window.showSession(session);
            window.select("Index usage");
        });
        TableView<IndexReport> table = robot.lookup("#indexes").queryTableView();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<IndexReport> shown = List.copyOf(table.getItems());
            assertThat(find(shown, PlantedSituations.UNUSED_INDEX).flags()).contains(IndexFlag.UNUSED);
            assertThat(find(shown, PlantedSituations.DUPLICATE_INDEX).flags()).contains(IndexFlag.DUPLICATE);
            assertThat(find(shown, PlantedSituations.INVALID_INDEX).flags()).contains(IndexFlag.INVALID);
        });
        IndexReport unused = find(List.copyOf(table.getItems()), PlantedSituations.UNUSED_INDEX);
        robot.interact(() -> table.getSelectionModel().select(unused));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#index-why").queryAs(Label.class).getText()).contains("No scans");
        assertThat(robot.lookup("#drop-index").queryAs(Button.class).isDisabled()).isFalse();
        Screenshots.save(scene.get(), "indexes");

        robot.interact(() -> session.screen(IndexesScreen.class).viewModel().filterProperty().set(IndexFilter.ALL));
        IndexReport kept = await("the kept twin of the duplicate is listed").atMost(PATIENCE).until(
                () -> find(List.copyOf(table.getItems()), PlantedSituations.DUPLICATED_INDEX), r -> r != null);
        assertThat(kept.flags()).doesNotContain(IndexFlag.DUPLICATE);
        robot.interact(() -> table.getSelectionModel().select(kept));
        robot.clickOn("#reindex-index");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#confirm-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).contains("REINDEX INDEX CONCURRENTLY \"insightdesk\".\"idx_tickets_created_at\";");
        Screenshots.save(sql.getScene(), "confirm-reindex");
        try (Connection oldSnapshot = holdSnapshot(session.target().profile())) {
            robot.clickOn("Run");
            // the reindex waits for the old snapshot: the progress bar and its Cancel button show meanwhile
            await("the progress bar shows the wait").atMost(PATIENCE).until( () -> FxToolkit.setupFixture(
                    () -> robot.lookup("#action-phase").queryAs(Label.class).getText()), p -> p.startsWith("waiting"));
            assertThat(robot.lookup("#action-cancel").queryAs(Button.class).isVisible()).isTrue();
            Screenshots.save(scene.get(), "indexes-reindex-progress");
            oldSnapshot.rollback();
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<AuditLog.Entry> entries = audit.read();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).sql()).contains("REINDEX INDEX CONCURRENTLY");
            assertThat(entries.get(0).outcome()).isEqualTo("SUCCEEDED");
        });
        await("the outcome with sizes is shown").atMost(PATIENCE).until( () -> FxToolkit.setupFixture(
                () -> robot.lookup("#action-message").queryAs(Label.class).getText()), m -> m.contains(" before, "));
        Screenshots.save(scene.get(), "indexes-after-reindex");
    }

    private static Connection holdSnapshot(ConnectionProfile profile) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", profile.user());
        if (profile.password() != null) {
            props.setProperty("password", profile.password());
        }
        Connection c = DriverManager.getConnection(profile.jdbcUrl(), props);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT 1");
        }
        return c;
    }

    private static IndexReport find(List<IndexReport> shown, Name index) {
        return shown.stream().filter(r -> r.index().qualifiedName().equals(index)).findFirst().orElse(null);
    }
}
