package io.pgdeck.ui;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.AuditLog;
import io.pgdeck.app.MainWindow;
import io.pgdeck.app.Session;
import io.pgdeck.sample.Sampler;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.indexes.IndexesView;
import io.pgdeck.ui.overview.OverviewView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * What a session reads while the overview is shown: its own feeds and the status bar's, none of
 * the catalog-wide reads of the screens nobody looks at; a screen's feeds run while it is shown;
 * a hidden session reads only the live feeds, slowly.
 */
class ScreenFeedsUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Set<String> OVERVIEW_AND_STATUS_BAR =
            Set.of("server info", "database stats", "activity", "database sizes", "replication");

    @TempDir
    Path tmp;
    private Session session;

    @Test
    void onlyTheFeedsOfWhatIsShownRun() throws Exception {
        FxToolkit.registerPrimaryStage();
        MainWindow window = FxToolkit.setupFixture(MainWindow::new);
        FxToolkit.setupStage(stage -> stage.setScene(window.scene(1200, 800)));
        try (Session opened = Session.open(TestPostgres.NEWEST.freshDatabase(), Duration.ofMillis(100),
                new FxDialogService(null), window.readOnlyProperty(), new AuditLog(tmp.resolve("audit.log")))) {
            session = opened;
            showOverviewThenIndexesThenHide(window);
        } finally {
            FxToolkit.cleanupStages();
        }
    }

    private void showOverviewThenIndexesThenHide(MainWindow window) throws Exception {
        FxToolkit.setupFixture(() -> window.showSession(session));
        FxToolkit.setupFixture(() -> window.select(OverviewView.TITLE));
        // the window sets its own refresh interval (a second) on the session it shows
        session.sampler().setInterval(Duration.ofMillis(100));
        Sampler.Feed<?> stats = feed("database stats");
        await("twenty refreshes of the overview").atMost(PATIENCE).until(() -> stats.reads() >= 20);

        assertThat(readNames()).isEqualTo(OVERVIEW_AND_STATUS_BAR);
        long reads = session.sampler().feeds().stream().mapToLong(Sampler.Feed::reads).sum();
        System.out.printf("ScreenFeedsUiTest: on the overview %.2f feeds run per refresh (%d feeds declared)%n",
                (double) reads / stats.reads(), session.sampler().feeds().size());

        FxToolkit.setupFixture(() -> window.select(IndexesView.TITLE));
        Sampler.Feed<?> usage = feed("index usage");
        Sampler.Feed<?> definitions = feed("index definitions");
        await("the index screen's feeds read while it is shown (definitions, usage)").atMost(PATIENCE).until(() -> List.of(definitions.reads(), usage.reads()), r -> r.get(0) >= 1 && r.get(1) >= 2);
        FxToolkit.setupFixture(() -> window.select(OverviewView.TITLE));
        long usageAtLeave = usage.reads();
        await("no index usage read once another screen is shown").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(1).plusSeconds(1)).until(() -> usage.reads() == usageAtLeave);

        session.setShown(false);
        long statsAtHide = stats.reads();
        long usageAtHide = usage.reads();
        long t0 = System.nanoTime();
        // a window to count reads in, not a wait for a condition: the figure is reads per tick
        Thread.sleep(3_000);
        long ticks = Duration.ofNanos(System.nanoTime() - t0).toMillis() / 100;
        assertThat(stats.reads() - statsAtHide).as("live reads while hidden, in %d ticks", ticks)
                .isPositive().isLessThanOrEqualTo(ticks / 10 + 2);
        assertThat(usage.reads()).isEqualTo(usageAtHide);
    }

    private Sampler.Feed<?> feed(String name) {
        return session.sampler().feeds().stream().filter(f -> f.toString().equals(name)).findFirst().orElseThrow();
    }

    private Set<String> readNames() {
        return session.sampler().feeds().stream().filter(f -> f.reads() > 0).map(Sampler.Feed::toString)
                .collect(Collectors.toSet());
    }
}
