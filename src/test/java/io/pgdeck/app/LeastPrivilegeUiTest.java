package io.pgdeck.app;

import io.pgdeck.ui.bloat.BloatScreen;
import io.pgdeck.ui.connections.ConnectionsScreen;
import io.pgdeck.ui.indexes.IndexesScreen;
import io.pgdeck.ui.matviews.MatviewsScreen;
import io.pgdeck.ui.partitions.PartitionsScreen;
import io.pgdeck.ui.queues.QueuesScreen;
import io.pgdeck.ui.statements.StatementsScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.testing.LeastPrivilege;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.bloat.TableRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screens as a production monitoring role sees them, headless, on tables owned by the
 * application while the application runs its statements: as a pg_monitor role the Partitions,
 * Slow queries and Bloat screens show what the role may see and say what it may not; as a plain
 * role Slow queries lists its own statements only and counts the others.
 */
class LeastPrivilegeUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static LeastPrivilege fixture;

    @TempDir
    Path tmp;
    private final FxRobot robot = new FxRobot();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private Session session;
    private Thread workload;

    @BeforeAll
    static void plant() {
        fixture = LeastPrivilege.plant(TestPostgres.NEWEST);
    }

    @AfterEach
    void close() throws Exception {
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
    void partitionsSlowQueriesAndBloatAsPgMonitor() throws Exception {
        startOwnerWorkload();
        Scene scene = open(fixture.profile(fixture.monitor()));

        robot.clickOn("Partitions");
        await("the owner's partition set is listed").atMost(PATIENCE).until(() -> fx(() -> session.screen(PartitionsScreen.class).viewModel().sets().stream().anyMatch(s -> s.qualifiedName().equals("app.events"))));
        FxToolkit.setupFixture(() -> session.screen(PartitionsScreen.class).viewModel().select("app.events"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(fx(() -> session.screen(PartitionsScreen.class).viewModel().summaryProperty().get()))
                .contains("DEFAULT partition events_default holds ≈ 500 rows"
                        + " (≈ from statistics: counting needs SELECT on app.events_default)"));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, "partitions-pg-monitor");

        robot.clickOn("Slow queries");
        @SuppressWarnings("unchecked")
        TableView<StatementRates> statements = (TableView<StatementRates>) scene.lookup("#statements");
        await("the owner's statements show with their text and calls").atMost(PATIENCE).until(() -> fx(() ->
                statements.getItems().stream().anyMatch(r -> fixture.owner().equals(r.statement().user())
                        && r.statement().query() != null && r.statement().query().contains("app.events") && r.calls() > 0)));
        assertThat(fx(() -> scene.lookup("#statements-hidden").isVisible())).isFalse();
        Screenshots.save(scene, "slow-queries-pg-monitor");

        robot.clickOn("Bloat & vacuum");
        RelationName bloated = new RelationName("app", "bloated");
        await("the owner's bloated table is listed with its estimate").atMost(PATIENCE).until(() -> fx(() ->
                session.screen(BloatScreen.class).viewModel().tables().stream().anyMatch(r -> r.table().equals(bloated) && r.estimate() != null)));
        TableRow row = fx(() -> session.screen(BloatScreen.class).viewModel().tables().stream().filter(r -> r.table().equals(bloated)).findFirst().orElseThrow());
        assertThat(row.estimate().hiddenNote()).contains("hidden by privileges: its column statistics need SELECT on app.bloated");
        await("its estimate reads hidden by privileges, not 0 B").atMost(PATIENCE).until(() -> fx(() ->
                robot.lookup("#bloat-tables .table-cell").queryAllAs(TableCell.class).stream()
                        .anyMatch(c -> "hidden by privileges".equals(c.getText()))));
        assertThat(fx(() -> session.screen(BloatScreen.class).viewModel().wastedProperty().get())).matches("0 (B|bytes), \\d+ hidden by privileges");
        Screenshots.save(scene, "bloat-pg-monitor");
    }

    @Test
    void slowQueriesAsAPlainRoleShowsItsOwnAndCountsTheRest() throws Exception {
        startOwnerWorkload();
        Scene scene = open(fixture.profile(fixture.plain()));
        robot.clickOn("Slow queries");
        @SuppressWarnings("unchecked")
        TableView<StatementRates> statements = (TableView<StatementRates>) scene.lookup("#statements");
        Label hidden = (Label) scene.lookup("#statements-hidden");
        await("the other roles' statements are counted as hidden").atMost(PATIENCE).until(() -> fx(() ->
                hidden.isVisible() && hidden.getText().matches("\\d+ statements of other roles hidden: GRANT pg_read_all_stats.*")));
        Callable<Boolean> ownOnly = () -> fx(() -> statements.getItems().stream()
                .allMatch(r -> fixture.plain().equals(r.statement().user()) && r.statement().key().queryId() != 0));
        // failFast: one merged row at any poll fails, where during alone would start its clock again
        await("only its own statements, none merged from other roles").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(15)).failFast("a statement of another role is shown", () -> !ownOnly.call())
                .until(ownOnly);
        Screenshots.save(scene, "slow-queries-plain-role");
    }

    /** Every screen, as each of the two roles: each reads without an error, nothing empty that the role may see. */
    @Test
    void everyScreenReadsAsEitherRole() throws Exception {
        try (java.sql.Connection a = fixture.connect(fixture.owner()); java.sql.Connection b = fixture.connect(fixture.owner())) {
            for (String role : java.util.List.of(fixture.monitor(), fixture.plain())) {
                Scene scene = open(fixture.profile(role));
                for (String screen : java.util.List.of("Overview", "Connections & pools", "Job queues", "Slow queries",
                        "EXPLAIN workbench", "Index usage", "Bloat & vacuum", "Partitions", "Materialized views")) {
                    robot.clickOn(screen);
                }
                java.util.List<io.pgdeck.ui.Freshness> all = java.util.List.of(session.overview().freshness(),
                        session.screen(ConnectionsScreen.class).viewModel().freshness(), session.screen(QueuesScreen.class).viewModel().freshness(), session.screen(StatementsScreen.class).viewModel().freshness(),
                        session.screen(IndexesScreen.class).viewModel().freshness(), session.screen(BloatScreen.class).viewModel().estimatesFreshness(), session.screen(BloatScreen.class).viewModel().vacuumFreshness(),
                        session.screen(PartitionsScreen.class).viewModel().freshness(), session.screen(MatviewsScreen.class).viewModel().freshness());
                await("every screen has read, " + role).atMost(PATIENCE).until(() -> fx(() ->
                        all.stream().allMatch(f -> f.lastGoodProperty().get() != null)));
                assertThat(fx(() -> all.stream().map(f -> f.errorProperty().get()).filter(e -> e != null && !e.isEmpty()).toList()))
                        .as(role).isEmpty();
                assertThat(fx(() -> session.screen(QueuesScreen.class).viewModel().problemsProperty().get())).as(role)
                        .endsWith("(streamvibe): hidden: needs SELECT on streamvibe.job_queue");
                await("the owner's matview is listed, " + role).atMost(PATIENCE).until(() -> fx(() -> session.screen(MatviewsScreen.class).viewModel().rows().size() == 1));
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(fx(() -> session.screen(ConnectionsScreen.class).viewModel().summaryProperty().get()))
                        .as(role).matches("\\d+ client connections: .*"));
                if (role.equals(fixture.plain())) {
                    assertThat(fx(() -> session.screen(ConnectionsScreen.class).viewModel().summaryProperty().get())).contains("of other roles (state hidden)");
                    assertThat(fx(() -> session.screen(ConnectionsScreen.class).viewModel().hintProperty().get())).startsWith("Figures cover only what this role sees");
                }
                robot.clickOn("Connections & pools");
                WaitForAsyncUtils.waitForFxEvents();
                Screenshots.save(scene, "connections-" + (role.equals(fixture.plain()) ? "plain-role" : "pg-monitor"));
                session.close();
                session = null;
                FxToolkit.cleanupStages();
            }
        }
    }

    private void startOwnerWorkload() {
        workload = new Thread(() -> {
            while (running.get()) {
                fixture.runOwnerStatements();
            }
        }, "owner-workload");
        workload.setDaemon(true);
        workload.start();
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

    private static <T> T fx(java.util.concurrent.Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }
}
