package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.AuditLog;
import io.pgdeck.testing.RestartablePostgres;
import io.pgdeck.testing.Screenshots;
import io.pgdeck.ui.FxDialogService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The fault test at the level a user sees: the server stops under a running session, the status
 * bar says so while the window stays responsive, and when the server is back pgdeck is live again
 * with nobody clicking anything.
 */
class SessionRecoveryUiTest {

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

    @Test
    void saysReconnectingStaysResponsiveAndRecovers() throws Exception {
        try (RestartablePostgres server = new RestartablePostgres(tmp.resolve("data"))) {
            FxToolkit.registerPrimaryStage();
            AtomicReference<Scene> scene = new AtomicReference<>();
            MainWindow window = FxToolkit.setupFixture(MainWindow::new);
            FxToolkit.setupStage(stage -> {
                scene.set(window.scene(1200, 800));
                stage.setScene(scene.get());
                stage.show();
            });
            session = Session.open(server.profile(), Duration.ofMillis(500), new FxDialogService(null),
                    window.readOnlyProperty(), new AuditLog(tmp.resolve("audit.log")));
            FxToolkit.setupFixture(() -> window.showSession(session));
            Label state = (Label) scene.get().lookup("#status-state");
            await("connected with data").atMost(PATIENCE).until(() -> "connected".equals(fx(state::getText))
                    && session.overview().freshness().lastGoodProperty().get() != null);

            server.stop();
            Instant stopped = Instant.now();
            List<Duration> roundTrips = new ArrayList<>();
            await("the status bar says the server is away").atMost(PATIENCE).until(() -> {
                roundTrips.add(fxRoundTrip());
                return fx(state::getText).startsWith("reconnecting: ");
            });
            Duration shown = Duration.between(stopped, Instant.now());
            System.out.printf("SessionRecoveryUiTest: the status bar said reconnecting %d ms after the stop%n",
                    shown.toMillis());
            assertThat(shown).as("from the stop to the status bar saying so, at the default refresh")
                    .isLessThanOrEqualTo(Duration.ofSeconds(2));
            Screenshots.save(scene.get(), "reconnecting");
            for (int i = 0; i < 10; i++) {
                roundTrips.add(fxRoundTrip());
            }
            assertThat(roundTrips).as("JavaFX thread round trips while the server is down")
                    .allSatisfy(d -> assertThat(d).isLessThan(Duration.ofSeconds(1)));

            Instant restarted = Instant.now();
            server.start();
            await("live again after the restart").atMost(PATIENCE).until(() -> "connected".equals(fx(state::getText))
                    && session.overview().freshness().lastGoodProperty().get().isAfter(restarted));
            System.out.printf("SessionRecoveryUiTest: live again %d ms after the restarted server was ready;"
                    + " slowest JavaFX round trip while down %d ms%n",
                    Duration.between(restarted, Instant.now()).toMillis(),
                    roundTrips.stream().mapToLong(Duration::toMillis).max().orElse(0));
        }
    }

    /** Reads on the JavaFX thread; a time-out there is the failure this test looks for. */
    private static <T> T fx(java.util.concurrent.Callable<T> read) {
        try {
            return FxToolkit.setupFixture(read);
        } catch (Exception e) {
            throw new AssertionError("the JavaFX thread did not answer", e);
        }
    }

    private static Duration fxRoundTrip() {
        long t0 = System.nanoTime();
        fx(() -> null);
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
