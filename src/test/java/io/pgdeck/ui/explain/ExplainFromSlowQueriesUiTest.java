package io.pgdeck.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.app.MainWindow;
import io.pgdeck.app.Session;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.control.TreeTableView;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * "Explain…" on a slow query, as a DBA meets it on PostgreSQL 17: the first click opens the
 * workbench (built by that very click) with the statement in it; its {@code $1} makes it a
 * GENERIC_PLAN, whose tree shows; an error afterwards does not leave that plan standing under it.
 */
class ExplainFromSlowQueriesUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TestPostgres PG = TestPostgres.NEWEST;

    @TempDir
    Path tmp;
    private final FxRobot robot = new FxRobot();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Session session;
    private Thread workload;

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        if (workload != null) {
            workload.join(10_000);
        }
        FxToolkit.cleanupStages();
        if (session != null) {
            session.close();
        }
    }

    @Test
    void firstClickOpensTheStatementItsGenericPlanShowsAndAnErrorClearsIt() throws Exception {
        ConnectionProfile profile = PG.freshDatabase();
        PG.execute(profile.database(), "CREATE TABLE items (id int PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g", "ANALYZE items");
        workload = lookups(profile);
        Scene scene = open(profile);
        robot.clickOn("Slow queries");
        @SuppressWarnings("unchecked")
        TableView<StatementRates> table = (TableView<StatementRates>) scene.lookup("#statements");
        StatementRates lookup = await("the lookup is listed").atMost(PATIENCE).until(() -> fx(() -> table.getItems()
                .stream().filter(r -> r.statement().query() != null && r.statement().query().contains("FROM items WHERE id = $1"))
                .findFirst().orElse(null)), r -> r != null);
        // filtered to it, since reads re-sort the rows; clicked as a user does, so the table has the focus
        robot.interact(() -> ((javafx.scene.control.TextField) scene.lookup("#statements-filter")).setText("FROM items WHERE id"));
        await("only the lookup is listed").atMost(PATIENCE).until(() -> fx(() -> table.getItems().size() == 1));
        await("the row is selected by a click").atMost(Duration.ofSeconds(20)).until(() -> {
            robot.clickOn(robot.from(table).lookup(".table-row-cell").match((javafx.scene.control.TableRow<StatementRates> r) ->
                    r.getItem() != null && r.isVisible()).queryAs(javafx.scene.control.TableRow.class));
            return fx(() -> ((Label) scene.lookup("#statement-figures")).getText().contains("calls"));
        });
        robot.clickOn("#explain-statement");

        CodeArea editor = await("the first click shows the workbench").atMost(Duration.ofSeconds(10))
                .until(() -> fx(() -> (CodeArea) scene.lookup("#sql-editor")), e -> e != null && fx(e::isVisible));
        assertThat(fx(() -> editor.getText())).isEqualTo(lookup.statement().query());
        assertThat(fx(() -> ((javafx.scene.control.CheckBox) scene.lookup("#opt-generic-plan")).isSelected())).isTrue();

        robot.clickOn("#explain-run");
        @SuppressWarnings("unchecked")
        TreeTableView<PlanNode> tree = (TreeTableView<PlanNode>) scene.lookup("#plan-tree");
        Label message = (Label) scene.lookup("#explain-message");
        await("the generic plan's tree shows").atMost(PATIENCE).until(() -> fx(() -> tree.getRoot() != null
                && tree.getExpandedItemCount() >= 1 && message.getText().startsWith("1 nodes")));
        assertThat(fx(() -> tree.getRoot().getValue().text("Index Cond"))).isEqualTo("(id = $1)");
        assertThat(fx(() -> tree.getRoot().getValue().nodeType())).isEqualTo("Index Scan");
        assertThat(fx(() -> shownRows(tree))).as("the tree draws the plan, not its placeholder")
                .containsExactly("Index Scan using items_pkey on items");
        TextArea detail = (TextArea) scene.lookup("#node-detail");
        assertThat(fx(() -> detail.getText())).startsWith("Index Scan using items_pkey on items\nIndex Cond: (id = $1)");

        // a plan of many nodes, scrolled to its end, then the generic plan of one node again
        robot.interact(() -> editor.replaceText("SELECT * FROM items a JOIN items b USING (id) JOIN items c USING (id)"
                + " JOIN items d USING (id) JOIN items e USING (id) WHERE a.v LIKE 'item 1%' ORDER BY 1"));
        robot.clickOn("#explain-run");
        await("the join's plan shows").atMost(PATIENCE).until(() -> fx(() -> tree.getExpandedItemCount() > 8));
        robot.interact(() -> {
            tree.getSelectionModel().selectLast();
            tree.scrollTo(tree.getExpandedItemCount() - 1);
        });
        String last = fx(() -> tree.getSelectionModel().getSelectedItem().getValue().label());
        assertThat(fx(() -> detail.getText())).startsWith(last);
        robot.interact(() -> editor.replaceText(lookup.statement().query()));
        robot.clickOn("#explain-run");
        await("the generic plan's tree shows again").atMost(PATIENCE).until(() -> fx(() -> shownRows(tree)
                .equals(java.util.List.of("Index Scan using items_pkey on items"))));

        robot.clickOn("#query-run");
        Label queryMessage = (Label) scene.lookup("#query-message");
        await("a $1 cannot run without a value").atMost(PATIENCE).until(() -> fx(queryMessage::getText)
                .startsWith("The statement has $1-style parameters"));
        robot.interact(() -> editor.replaceText("SELECT id, v, CASE WHEN id % 2 = 0 THEN NULL END AS maybe FROM items ORDER BY id"));
        robot.clickOn(editor);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT, KeyCode.CONTROL);
        @SuppressWarnings("unchecked")
        TableView<java.util.List<String>> grid = (TableView<java.util.List<String>>) scene.lookup("#result-grid");
        await("the rows show").atMost(PATIENCE).until(() -> fx(() -> grid.getItems().size() == 1000));
        assertThat(fx(queryMessage::getText)).matches("1,000 rows in .*; read-only, rolled back");
        assertThat(fx(() -> grid.getColumns().stream().map(c -> c.getText()).toList())).containsExactly("id", "v", "maybe");
        robot.interact(() -> {
            grid.getSelectionModel().selectRange(0, grid.getColumns().get(0), 1, grid.getColumns().get(2));
            grid.requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
                .isEqualTo("id\tv\tmaybe\n1\titem 1\t\n2\titem 2\t\n");
        Screenshots.save(scene, "explain-run-grid");

        robot.interact(() -> editor.replaceText("SELECT v FROM items WHERE idd = $1"));
        robot.clickOn("#explain-run");
        await("the error is reported").atMost(PATIENCE).until(() -> fx(message::getText).startsWith("Column \"idd\""));
        assertThat(fx(tree::getRoot)).as("no plan stands under the error").isNull();
        Screenshots.save(scene, "explain-error-clears-plan");
    }

    /** The labels of the tree's rows drawn on screen. */
    private static java.util.List<String> shownRows(TreeTableView<PlanNode> tree) {
        return tree.lookupAll(".tree-table-row-cell").stream().map(n -> (javafx.scene.control.TreeTableRow<?>) n)
                .filter(r -> r.isVisible() && r.getItem() != null).map(r -> ((PlanNode) r.getItem()).label()).toList();
    }

    private Scene open(ConnectionProfile profile) throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            scene.set(window.scene(1440, 900));
            stage.setScene(scene.get());
            stage.show();
        });
        session = Session.open(profile, Duration.ofMillis(500), new FxDialogService(null), window.readOnlyProperty(),
                new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
        return scene.get();
    }

    /** A lookup by id as an application runs it: bound, so pg_stat_statements keeps {@code $1}. */
    private Thread lookups(ConnectionProfile profile) {
        Thread t = new Thread(() -> {
            try (Connection c = PG.connect(profile.database());
                 PreparedStatement lookup = c.prepareStatement("SELECT v FROM items WHERE id = ?")) {
                int i = 0;
                while (running.get()) {
                    lookup.setInt(1, 1 + i++ % 1000);
                    lookup.executeQuery().close();
                    Thread.sleep(2);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "explain-ui-lookups");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }
}
