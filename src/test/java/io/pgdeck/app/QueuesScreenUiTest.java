package io.pgdeck.app;

import io.pgdeck.ui.queues.QueuesScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.SharedState;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.queues.QueueRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The queues screen on the demo with its workload running: the seed's job_queue and PareL's
 * three priority tiers are listed and move; a dead job's detail shows its recorded errors.
 * Writes queues.png and job-detail.png.
 */
class QueuesScreenUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static Session session;
    private static io.pgdeck.demo.DemoWorkload workload;
    private static final AtomicReference<Scene> SCENE = new AtomicReference<>();
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        Path config = Files.createTempDirectory("pgdeck-queues-ui");
        System.setProperty("pgdeck.config.dir", config.toString());
        // stopped after the class: the shared demo outlives it, and other tests count its sessions
        workload = io.pgdeck.demo.DemoWorkload.start(TestDemo.profile());
        FxToolkit.registerPrimaryStage();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            SCENE.set(window.scene(1400, 900));
            stage.setScene(SCENE.get());
            stage.show();
        });
        session = Session.open(TestDemo.profile(), Duration.ofMillis(400), new FxDialogService(null),
                window.readOnlyProperty(), new AuditLog(config.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
    }

    @AfterAll
    static void close() throws Exception {
        if (session != null) {
            session.close();
        }
        if (workload != null) {
            workload.close();
        }
        FxToolkit.cleanupStages();
        System.clearProperty("pgdeck.config.dir");
    }

    @Test
    void queuesMoveAndADeadJobShowsItsErrors() {
        robot.clickOn("Job queues");
        TableView<QueueRow> queues = robot.lookup("#queues").queryTableView();
        await("the seed queue and PareL's three tiers are listed").atMost(PATIENCE).until(
                () -> queues.getItems().stream().map(r -> r.status().queue().name()).toList(),
                names -> names.containsAll(java.util.List.of("job_queue", "high-priority", "medium-priority", "low-priority")));
        QueueRow seed = queues.getItems().stream().filter(r -> r.status().queue().name().equals("job_queue")).findFirst().orElseThrow();
        assertThat(seed.status().depth().stuck()).isPositive();
        assertThat(seed.status().depth().expired()).isPositive();
        assertThat(seed.count(SharedState.DEAD).value()).isPositive();
        await("the charts have a few points and jobs finish").atMost(PATIENCE).until(() -> session.screen(QueuesScreen.class).viewModel().chartHistory().size() > 3
                        && session.screen(QueuesScreen.class).viewModel().chartHistory().latest().value().donePerMinute() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(SCENE.get(), "queues");

        robot.interact(() -> {
            queues.getSelectionModel().select(queues.getItems().stream()
                    .filter(r -> r.status().queue().name().equals("job_queue")).findFirst().orElseThrow());
            session.screen(QueuesScreen.class).viewModel().jobs().stateProperty().set(SharedState.DEAD);
        });
        robot.clickOn("#search-jobs");
        TableView<Job> jobs = robot.lookup("#jobs").queryTableView();
        Job dead = await("dead jobs are listed").atMost(PATIENCE).until(() -> jobs.getItems().stream().findFirst().orElse(null),
                j -> j != null);
        assertThat(dead.state()).isEqualTo(SharedState.DEAD);
        robot.interact(() -> jobs.getSelectionModel().select(dead));
        TextArea detail = robot.lookup("#job-detail").queryAs(TextArea.class);
        await("the job's detail shows its errors").atMost(PATIENCE).until(() -> detail.getText(),
                t -> t.contains("recorded error") && t.contains(dead.id()));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(SCENE.get(), "job-detail");
    }
}
