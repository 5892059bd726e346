package io.pgdeck.app;

import io.pgdeck.ui.partitions.PartitionsScreen;
import static io.pgdeck.catalog.PartitionFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.demo.DemoMatviews;
import io.pgdeck.demo.DemoPartitions;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.matviews.MatviewRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The partitions and materialized views screens, headless: on the demo as a user meets them
 * (screenshots, nothing changed), and "create next partitions" clicked through on a database
 * of the test's own.
 */
class PartitionsAndMatviewsUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    private final FxRobot robot = new FxRobot();
    private Session session;
    private Scene scene;

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
    }

    private MainWindow open(ConnectionProfile profile) throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> made = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            made.set(window.scene(1400, 900));
            stage.setScene(made.get());
            stage.show();
        });
        scene = made.get();
        session = Session.open(profile, Duration.ofMillis(500), new FxDialogService(null), window.readOnlyProperty(),
                new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
        return window;
    }

    @Test
    void bothScreensOnTheDemo() throws Exception {
        open(TestDemo.profile());
        robot.clickOn("Partitions");
        String auditLogs = DemoPartitions.AUDIT_LOGS.first() + "." + DemoPartitions.AUDIT_LOGS.last();
        await("the demo's partition sets are listed").atMost(PATIENCE).until(() -> session.screen(PartitionsScreen.class).viewModel().sets().size() >= 3);
        FxToolkit.setupFixture(() -> session.screen(PartitionsScreen.class).viewModel().select(auditLogs));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(session.screen(PartitionsScreen.class).viewModel().summaryProperty().get())
                .contains("Interval: month").contains("less than one month ahead").contains("Gaps:")
                .contains("holds"));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "partitions");

        robot.clickOn("Materialized views");
        TableView<MatviewRow> table = robot.lookup("#matviews").queryTableView();
        await("the demo's matviews are listed").atMost(PATIENCE).until(() -> table.getItems().size() >= 5);
        List<String> order = table.getItems().stream().sorted(java.util.Comparator.comparingInt(MatviewRow::order))
                .map(r -> r.matview().name()).toList();
        assertThat(order.indexOf(DemoMatviews.DAILY_PLATFORM_METRICS.last()))
                .isGreaterThan(order.indexOf(DemoMatviews.USER_LEARNING_SUMMARY.last()));
        assertThat(order.indexOf(DemoMatviews.INSTRUCTOR_PERFORMANCE.last()))
                .isGreaterThan(order.indexOf(DemoMatviews.COURSE_ANALYTICS.last()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "matviews");
    }

    @Test
    void createNextPartitionsEndToEnd() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), PartitionFixtures.schema());
        open(profile);
        robot.clickOn("Partitions");
        await("the sets are listed").atMost(PATIENCE).until(() -> session.screen(PartitionsScreen.class).viewModel().sets().size() >= 4);
        FxToolkit.setupFixture(() -> session.screen(PartitionsScreen.class).viewModel().select("public.events"));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#create-next");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#confirm-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).contains("PARTITION OF \"public\".\"events\"").contains("events_" + suffix(3));
        Screenshots.save(sql.getScene(), "confirm-create-partitions");
        robot.clickOn("Run");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(session.screen(PartitionsScreen.class).viewModel().selectedProperty().get().partitions())
                .extracting(Partition::name).contains("events_" + suffix(1), "events_" + suffix(2), "events_" + suffix(3)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(new AuditLog(tmp.resolve("audit.log")).read())
                .singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("SUCCEEDED")));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "partitions-after-create");
    }
}
