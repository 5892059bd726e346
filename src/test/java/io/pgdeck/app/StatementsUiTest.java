package io.pgdeck.app;

import io.pgdeck.ui.statements.StatementsScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.demo.DemoWorkload;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestDemo;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
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
 * The Slow queries screen, headless, on a database of its own with a workload in which one query
 * is clearly slowest: it tops the list, sorting and selecting work, the reset goes through the
 * confirm dialog and the audit log; without the extension the screen says what to change.
 */
class StatementsUiTest {

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
        if (session != null) {
            session.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void slowestOnTopSortSelectAndReset() throws Exception {
        ConnectionProfile profile = PG.freshDatabase();
        PG.execute(profile.database(), "CREATE TABLE items (id int PRIMARY KEY, v text)",
                "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g");
        workload = startWorkload(profile);
        Scene scene = open(profile);
        robot.clickOn("Slow queries");
        @SuppressWarnings("unchecked")
        TableView<StatementRates> table = (TableView<StatementRates>) scene.lookup("#statements");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> database = (ChoiceBox<String>) scene.lookup("#statements-database");
        await("our database is offered as a filter").atMost(PATIENCE).until(() -> fx(() -> database.getItems().contains(profile.database())));
        robot.interact(() -> database.setValue(profile.database()));
        await("the slow report tops the list with calls in the window").atMost(PATIENCE).until(() -> fx(() ->
                !table.getItems().isEmpty() && table.getItems().get(0).statement().query().contains("slow_report")
                        && table.getItems().get(0).calls() > 0 && table.getItems().size() >= 2));

        robot.clickOn("#sort-calls");
        robot.clickOn("#sort-calls"); // second click: descending
        await("most calls first: the cheap lookup").atMost(PATIENCE).until(() -> fx(() ->
                table.getItems().get(0).statement().query().contains("FROM items")));
        robot.clickOn("#sort-mean");
        robot.clickOn("#sort-mean");
        await("slowest mean first").atMost(PATIENCE).until(() -> fx(() ->
                table.getItems().get(0).statement().query().contains("slow_report")));

        robot.interact(() -> table.getSelectionModel().select(0));
        TextArea text = (TextArea) scene.lookup("#statement-text");
        await("the detail shows the text and a history").atMost(PATIENCE).until(() -> fx(() ->
                text.getText().contains("pg_sleep") && session.screen(StatementsScreen.class).viewModel().detailProperty().get() != null
                        && session.screen(StatementsScreen.class).viewModel().detailProperty().get().series().size() > 1));
        assertThat(fx(() -> ((Label) scene.lookup("#statement-figures")).getText())).contains("postgres", "mean");
        Callable<Boolean> selected = () -> fx(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().statement().query().contains("slow_report"));
        // failFast: a lost selection at any poll fails, where during alone would start its clock again
        await("the selection survives the next reads").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15))
                .failFast("the selection was lost", () -> !selected.call()).until(selected);
        Screenshots.save(scene, "slow-queries");

        robot.clickOn("#reset-statements");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#confirm-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).isEqualTo("select pg_stat_statements_reset();");
        Screenshots.save(sql.getScene(), "confirm-reset-statements");
        robot.clickOn("Run");
        await().atMost(PATIENCE).untilAsserted(() -> {
            var entries = new AuditLog(tmp.resolve("audit.log")).read();
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.sql()).isEqualTo("select pg_stat_statements_reset();");
                assertThat(e.outcome()).isEqualTo("SUCCEEDED");
            });
        });
        java.time.Instant afterReset = java.time.Instant.now();
        await("reads go on after the reset, no figure negative").atMost(PATIENCE).until(() -> fx(() -> {
            java.time.Instant read = session.screen(StatementsScreen.class).viewModel().freshness().lastGoodProperty().get();
            return read.isAfter(afterReset.plusSeconds(1)) && !table.getItems().isEmpty()
                    && table.getItems().stream().allMatch(r -> r.calls() >= 0 && r.totalMillis() >= 0
                            && !(r.callsPerSecond() < 0) && !(r.meanMillis() < 0));
        }));
    }

    @Test
    void withoutTheExtensionItSaysWhatToChange() throws Exception {
        ConnectionProfile profile = PG.freshDatabase();
        PG.execute(profile.database(), "DROP EXTENSION pg_stat_statements");
        Scene scene = open(profile);
        robot.clickOn("Slow queries");
        Label hint = (Label) scene.lookup("#statements-hint");
        assertThat(fx(hint::isVisible)).isTrue();
        assertThat(fx(hint::getText)).isEqualTo("pg_stat_statements is preloaded but not created in this database:"
                + " run CREATE EXTENSION pg_stat_statements.");
        try (Connection c = PG.connect(profile.database())) {
            Thread plantedQuery = new Thread(() -> {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_sleep(3) /* nightly export */");
                } catch (SQLException ignored) {
                    // ended by the connection closing
                }
            });
            plantedQuery.setDaemon(true);
            plantedQuery.start();
            TableView<?> groups = (TableView<?>) scene.lookup("#active-query-groups");
            await("the sleeping query is grouped").atMost(PATIENCE).until(() -> fx(() -> !groups.getItems().isEmpty()));
            Screenshots.save(scene, "slow-queries-fallback");
            plantedQuery.join(10_000);
        }
    }

    /** What a user of the demo meets: the analyst's slow job report near the top. */
    @Test
    void theDemosSlowReportShows() throws Exception {
        ConnectionProfile demo = TestDemo.profile();
        try (DemoWorkload ignored = DemoWorkload.start(demo)) {
            Scene scene = open(demo);
            robot.clickOn("Slow queries");
            @SuppressWarnings("unchecked")
            TableView<StatementRates> table = (TableView<StatementRates>) scene.lookup("#statements");
            StatementRates report = await("the job report (pg_sleep) ran in the window").atMost(PATIENCE).until(
                    () -> fx(() -> table.getItems().stream().filter(r -> r.statement().query() != null
                            && r.statement().query().contains("pg_sleep") && r.calls() > 0).findFirst().orElse(null)),
                    r -> r != null);
            assertThat(report.meanMillis()).isGreaterThanOrEqualTo(3000.0);
            robot.interact(() -> table.getSelectionModel().select(report));
            await("its detail shows").atMost(PATIENCE).until(() -> fx(() ->
                    ((TextArea) scene.lookup("#statement-text")).getText().contains("pg_sleep")));
            Screenshots.save(scene, "slow-queries-demo");
        }
    }

    private Scene open(ConnectionProfile profile) throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            scene.set(window.scene(1400, 900));
            stage.setScene(scene.get());
            stage.show();
        });
        session = Session.open(profile, Duration.ofMillis(500), new FxDialogService(null), window.readOnlyProperty(),
                new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
        return scene.get();
    }

    private Thread startWorkload(ConnectionProfile profile) {
        Thread t = new Thread(() -> {
            try (Connection c = PG.connect(profile.database()); Statement st = c.createStatement();
                 PreparedStatement lookup = c.prepareStatement("SELECT v FROM items WHERE id = ?")) {
                int i = 0;
                while (running.get()) {
                    st.execute("SELECT pg_sleep(0.05) AS slow_report");
                    for (int n = 0; n < 20; n++) {
                        lookup.setInt(1, 1 + i++ % 1000);
                        lookup.executeQuery().close();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "statements-ui-workload");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }
}
