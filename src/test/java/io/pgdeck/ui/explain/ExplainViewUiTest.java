package io.pgdeck.ui.explain;

import io.pgdeck.ui.explain.ExplainScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.app.MainWindow;
import io.pgdeck.app.Session;
import io.pgdeck.explain.Insight;
import io.pgdeck.explain.InsightRule;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.ui.FxDialogService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The workbench as a user meets it, on the demo: type a query, Ctrl+Enter, see the plan tree
 * and an insight; an error marks its place in the editor; pin, explain a better query, compare.
 */
class ExplainViewUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String QUERY = "SELECT o.name, count(*) FROM insightdesk.tickets t\n"
            + "JOIN insightdesk.organizations o ON o.id = t.organization_id\n"
            + "WHERE t.priority = 'URGENT' AND t.title LIKE 'Dashboard%'\nGROUP BY o.name ORDER BY 2 DESC";
    private static final String BETTER = QUERY.replace("t.priority = 'URGENT' AND t.title LIKE 'Dashboard%'",
            "t.organization_id = 3 AND t.status = 'OPEN'");

    @TempDir
    Path tmp;
    private final FxRobot robot = new FxRobot();
    private Session session;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        if (session != null) {
            session.close();
        }
    }

    @Test
    void typeRunSeeTheTreeAnInsightAnErrorAndACompare() throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            scene.set(window.scene(1500, 950));
            stage.setScene(scene.get());
            stage.show();
        });
        session = Session.open(TestDemo.profile(), Duration.ofSeconds(1), new FxDialogService(null),
                window.readOnlyProperty(), new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
        robot.clickOn("EXPLAIN workbench");

        CodeArea editor = robot.lookup("#sql-editor").queryAs(CodeArea.class);
        robot.clickOn(editor);
        robot.write("SELECT id FROM insightdesk.tickets WHERE statuss = 'OPEN'");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        Label message = robot.lookup("#explain-message").queryAs(Label.class);
        await("the error is reported").atMost(PATIENCE).until(() -> fx(message::getText).startsWith("Column \"statuss\""));
        assertThat(fx(editor::getSelectedText)).isEqualTo("statuss");
        assertThat(fx(message::getText)).contains("(line 1, column 42)");
        Screenshots.save(scene.get(), "explain-error");

        // typing is tested above: the long query is set at once, as a paste would (typed, it took 5 s)
        robot.interact(() -> editor.replaceText(QUERY));
        assertThat(session.screen(ExplainScreen.class).viewModel().sqlProperty().get()).isEqualTo(QUERY);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        TreeTableView<PlanNode> tree = robot.lookup("#plan-tree").queryAs(TreeTableView.class);
        ListView<Insight> insights = robot.lookup("#insights").queryAs(ListView.class);
        await("the plan and its insights are shown").atMost(PATIENCE).until(
                () -> fx(() -> tree.getRoot() != null ? message.getText() : null),
                text -> text != null && fx(() -> !insights.getItems().isEmpty()));
        assertThat(fx(() -> tree.getRoot().getValue().id())).isZero();
        assertThat(fx(() -> tree.getExpandedItemCount())).isGreaterThan(4);
        assertThat(fx(() -> insights.getItems().stream().map(Insight::rule).toList())).contains(InsightRule.FILTER_WASTE);
        robot.interact(() -> insights.getSelectionModel().select(0));
        assertThat(fx(() -> tree.getSelectionModel().getSelectedItem().getValue().id()))
                .isEqualTo(fx(() -> insights.getItems().get(0).nodeId()));
        Screenshots.save(scene.get(), "explain");

        robot.clickOn("#explain-pin");
        robot.interact(() -> session.screen(ExplainScreen.class).viewModel().open(BETTER));
        robot.clickOn("#explain-run");
        Label comparison = robot.lookup("#comparison").queryAs(Label.class);
        await("both plans are compared").atMost(PATIENCE).until(() -> fx(comparison::getText).contains("no longer: Seq Scan on insightdesk.tickets")
                || fx(comparison::getText).contains("no longer: Seq Scan on tickets"));
        await("the history has both runs").atMost(PATIENCE).until(() -> fx(() -> session.screen(ExplainScreen.class).viewModel().history().size()) == 2);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene.get(), "explain-compare");
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }
}
