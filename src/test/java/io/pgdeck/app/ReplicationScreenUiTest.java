package io.pgdeck.app;

import io.pgdeck.action.ActionRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AnalyzeAction;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.SignalBackendAction;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.ConnectedStandby;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.RecordingDialogs;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.testing.StandbyPairs;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.bloat.BloatView;
import io.pgdeck.ui.replication.ReplicationView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxToolkit;

/** The Replication screen on both sides of a real primary and standby, and what a standby refuses. */
class ReplicationScreenUiTest {

    private static final StandbyPairs PAIRS = new StandbyPairs();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

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

    @AfterAll
    static void stop() {
        PAIRS.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void onThePrimaryTheStandbyIsARow(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        Scene scene = show(pair.primaryProfile(), new RecordingDialogs(false, new ArrayList<>()));
        @SuppressWarnings("unchecked")
        TableView<ConnectedStandby> standbys = (TableView<ConnectedStandby>) scene.lookup("#replication-standbys");
        await("the standby's row").atMost(PATIENCE).until(() -> fx(() -> standbys.getItems().stream()
                .anyMatch(s -> StandbyServer.APPLICATION.equals(s.applicationName()) && "streaming".equals(s.state()))));
        assertThat(fx(() -> ((Label) scene.lookup("#replication-role")).getText())).isEqualTo("primary");
        assertThat(fx(() -> scene.lookup("#replication-standby-panel").isVisible())).isFalse();
        assertThat(fx(() -> scene.lookup("#replication-nothing").isVisible())).isFalse();
        assertThat(fx(() -> ((TableView<?>) scene.lookup("#replication-slots")).getItems())).hasSize(1);
        assertThat(fx(() -> session.actions().writesAllowedProperty().get())).isTrue();
        Screenshots.save(scene, "replication-primary-" + pg.name().toLowerCase());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void onTheStandbyThePanelShowsAndWritesAreRefusedWithOneSentence(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        List<ActionPlan> asked = new ArrayList<>();
        Scene scene = show(pair.standbyProfile(), new RecordingDialogs(false, asked));
        Label receiver = (Label) scene.lookup("#replication-receiver");
        await("the receiver panel").atMost(PATIENCE).until(() -> fx(() -> receiver.isVisible()
                && receiver.getText().startsWith("streaming from 127.0.0.1:" + pair.primaryPort())));
        String replica = "standby (read-only replica of 127.0.0.1:" + pair.primaryPort() + ")";
        assertThat(fx(() -> ((Label) scene.lookup("#replication-role")).getText())).isEqualTo(replica);
        assertThat(fx(() -> ((Label) scene.lookup("#status-role")).getText())).isEqualTo(replica + " " + ActionRunner.STANDBY);
        assertThat(fx(() -> ((Label) scene.lookup("#replication-replay")).getText())).isNotEmpty();
        assertThat(fx(() -> scene.lookup("#replication-standbys").getParent().isVisible())).isFalse();
        assertThat(session.target().capabilities().inRecovery()).isTrue();

        ActionDoor door = session.actions();
        assertThat(fx(() -> door.writesAllowedProperty().get())).isFalse();
        assertThat(fx(() -> door.submit(new AnalyzeAction(new RelationName("public", "t")), r -> { }))).isFalse();
        assertThat(fx(() -> door.messageProperty().get())).isEqualTo(ActionRunner.STANDBY);
        assertThat(asked).as("nothing a standby refuses is even proposed").isEmpty();
        // signalling a backend works on a standby: it is offered (and declined here)
        assertThat(fx(() -> door.submit(SignalBackendAction.cancel(1, "a query"), r -> { }))).isFalse();
        assertThat(asked).hasSize(1);
        Screenshots.save(scene, "replication-standby-" + pg.name().toLowerCase());

        FxToolkit.setupFixture(() -> window.get().select(BloatView.TITLE));
        Node note = await("the bloat screen's standby note").atMost(PATIENCE).until(
                () -> fx(() -> scene.lookup("#bloat-standby-note")), n -> n != null && fx(n::isVisible));
        assertThat(fx(() -> ((Label) note).getText())).startsWith(ActionRunner.STANDBY).contains("counters are its own");
        assertThat(fx(() -> scene.lookup("#vacuum-table").getParent().isVisible())).isFalse();
    }

    private final AtomicReference<MainWindow> window = new AtomicReference<>();

    private Scene show(ConnectionProfile profile, RecordingDialogs dialogs) throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicReference<Scene> scene = new AtomicReference<>();
        window.set(FxToolkit.setupFixture(MainWindow::new));
        FxToolkit.setupStage(stage -> {
            scene.set(window.get().scene(1200, 900));
            stage.setScene(scene.get());
            stage.show();
        });
        session = Session.open(profile, Duration.ofMillis(500), dialogs, window.get().readOnlyProperty(),
                new AuditLog(tmp.resolve("audit.log")));
        FxToolkit.setupFixture(() -> {
            window.get().showSession(session);
            window.get().select(ReplicationView.TITLE);
        });
        return scene.get();
    }

    private static <T> T fx(Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }
}
