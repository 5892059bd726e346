package io.pgdeck.app;

import io.pgdeck.ui.pgbouncer.PgBouncerScreen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.PgBouncerWarning;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Pooler;
import io.pgdeck.testing.HeldTransactions;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.FxDialogService;
import io.pgdeck.ui.pgbouncer.PoolRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The PgBouncer screen on a session whose profile names a real bouncer's admin console, with a
 * pool of two server connections and five clients each holding a transaction: the pools table
 * shows three waiting, the warnings say so, the waiting chart draws. Writes pgbouncer.png.
 */
class PgBouncerScreenUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicReference<Scene> SCENE = new AtomicReference<>();
    private static PgBouncerServer bouncer;
    private static Session session;
    private static String database;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        Path config = Files.createTempDirectory("pgdeck-pgbouncer-ui");
        System.setProperty("pgdeck.config.dir", config.toString());
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile direct = pg.freshDatabase();
        database = direct.database();
        bouncer = PgBouncerServer.builder(pg.port()).set("default_pool_size", "2").start();
        String console = "postgresql://" + PgBouncerServer.STATS + "@localhost:" + bouncer.port() + "/pgbouncer?sslmode=disable";
        FxToolkit.registerPrimaryStage();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> {
            SCENE.set(window.scene(1400, 900));
            stage.setScene(SCENE.get());
            stage.show();
        });
        session = Session.open(direct.withPooler(Pooler.DETECT.withAdminConsole(console)), Duration.ofMillis(400),
                new FxDialogService(null), window.readOnlyProperty(), new AuditLog(config.resolve("audit.log")));
        FxToolkit.setupFixture(() -> window.showSession(session));
    }

    @AfterAll
    static void close() throws Exception {
        if (session != null) {
            session.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
        FxToolkit.cleanupStages();
        System.clearProperty("pgdeck.config.dir");
    }

    @Test
    void showsPoolsWaitingClientsWarningsAndTheChart() {
        robot.clickOn("PgBouncer");
        TableView<PoolRow> pools = robot.lookup("#pgbouncer-pools").queryTableView();
        try (HeldTransactions held = HeldTransactions.start(bouncer, database, PgBouncerServer.ADMIN, 5)) {
            PoolRow row = await("the pool shows three clients waiting over 5 s").atMost(PATIENCE).until(
                    () -> pools.getItems().stream().filter(r -> r.pool().database().equals(database)).findFirst().orElse(null),
                    r -> r != null && r.pool().clientsWaiting() == 3 && r.maxWait().compareTo(Duration.ofSeconds(5)) > 0);
            assertThat(row.pool().clientsActive()).isEqualTo(2);
            assertThat(row.poolSize()).isEqualTo(2);
            assertThat(row.pool().poolMode()).isEqualTo("transaction");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(session.screen(PgBouncerScreen.class).viewModel().warnings())
                    .extracting(PgBouncerWarning::kind)
                    .contains(PgBouncerWarning.Kind.CLIENTS_WAITING, PgBouncerWarning.Kind.POOL_FULL));
            VBox warnings = robot.lookup("#pgbouncer-warnings").queryAs(VBox.class);
            await("the warnings are on screen").atMost(PATIENCE).until(() -> warnings.getChildren().size() >= 2);
            assertThat(session.screen(PgBouncerScreen.class).viewModel().waitHistory().points()).anyMatch(p -> p.value().waiting() == 3);
            var chart = robot.lookup("#pgbouncer").lookup((ChartViewer v) -> true).queryAll();
            assertThat(chart).hasSize(2);
            ChartViewer waiting = (ChartViewer) chart.iterator().next();
            await("the waiting chart has points").atMost(PATIENCE).until(() -> waiting.getChart().getXYPlot().getDataset().getSeriesCount() > 0
                            && waiting.getChart().getXYPlot().getDataset().getItemCount(0) > 2);
            assertThat(robot.lookup("#pgbouncer-unavailable").query().isVisible()).isFalse();
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(SCENE.get(), "pgbouncer");
        }
    }
}
