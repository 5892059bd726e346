package io.pgdeck.ui.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.KindDepth;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.RecordingDialogs;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.ActionProgressBar;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The queues screen as a user meets it on the seed's job_queue: the kinds of the selected queue,
 * the detail's own Retry/Cancel/Delete, no Pause for a library without one, and the purge with
 * its progress by batch and its Cancel.
 */
class QueuesViewUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String FAILED = "00000000-0000-0000-0000-000000000008";
    private static final String PROCESSING = "00000000-0000-0000-0000-000000000006";

    @TempDir
    Path tmp;
    private final FxRobot robot = new FxRobot();
    private final List<ActionPlan> confirmed = new CopyOnWriteArrayList<>();
    private final TestPostgres pg = TestPostgres.NEWEST;
    private ConnectionProfile profile;
    private Target target;
    private TaskExecutor tasks;
    private QueueMonitor monitor;
    private QueuesViewModel model;
    private AuditLog audit;

    @BeforeEach
    void open() throws Exception {
        profile = pg.freshDatabase();
        try (InputStream in = getClass().getResourceAsStream("/io/pgdeck/queue/seed_job_queue.sql")) {
            pg.execute(profile.database(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        target = pg.openTarget(profile);
        tasks = TaskExecutor.background(UiExecutor.fx());
        monitor = new QueueMonitor(target, List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
        audit = new AuditLog(tmp.resolve("audit.log"));
        ActionDoor door = new ActionDoor(new ActionRunner(target, audit, () -> false,
                new ActionSettings(Duration.ofSeconds(5), Duration.ofMinutes(1))), new RecordingDialogs(true, confirmed),
                UiExecutor.fx(), new SimpleBooleanProperty(false));
        model = new QueuesViewModel(UiExecutor.fx(), door, monitor, tasks, () -> { }, m -> { });
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(new QueuesView(model).view()), 1500, 950));
            stage.show();
        });
        model.onReading(Sample.of(monitor.read(), Instant.now(), Duration.ZERO));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.waitForFxEvents();
        tasks.close();
        target.close();
    }

    @Test
    void theSelectedQueuesKindsAndTheDetailsOwnButtons() throws Exception {
        TableView<?> queues = robot.lookup("#queues").queryAs(TableView.class);
        robot.interact(() -> queues.getSelectionModel().select(0));

        TableView<KindDepth> kinds = lookup("#kinds");
        await("the kinds are read").atMost(PATIENCE).until(() -> fx(() -> kinds.getItems().size()), n -> n == 5);
        assertThat(fx(() -> kinds.getItems().get(0).kind())).isEqualTo("sync_youtube");
        assertThat(fx(() -> robot.lookup("#pause-queue").query().isVisible()))
                .as("the seed's job_queue has no pause: the button is not shown").isFalse();
        assertThat(fx(() -> robot.lookup("#resume-queue").query().isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#purge-queue").query().isVisible())).isTrue();

        show(PROCESSING);
        assertThat(fx(() -> disabled("#retry-job", "#cancel-job", "#delete-job")))
                .as("a processing job is neither retried, cancelled nor deleted").containsExactly(true, true, true);

        show(FAILED);
        await("the buttons follow the job").atMost(PATIENCE)
                .until(() -> fx(() -> disabled("#retry-job", "#cancel-job", "#delete-job")),
                        d -> d.equals(List.of(false, true, false)));
        robot.clickOn("#retry-job");
        await("the retry is confirmed").atMost(PATIENCE).until(() -> !confirmed.isEmpty());
        await("the retry ran").atMost(PATIENCE).until(() -> fx(() -> model.actions().busyProperty().get()), b -> !b);
        assertThat(status(FAILED)).isEqualTo("pending");
        assertThat(confirmed).extracting(ActionPlan::title).containsExactly("Retry 1 job in job_queue (streamvibe)");
    }

    @Test
    void thePurgeShowsItsBatchesAndTheCancelStopsAtTheNextOne() throws Exception {
        pg.execute(profile.database(), "INSERT INTO streamvibe.job_queue (user_id, job_type, status, retry_count, completed_at)"
                        + " SELECT gen_random_uuid(), 'sync_youtube', 'failed', 3, now() - interval '40 days'"
                        + " FROM generate_series(1, 5000)",
                // each batch lasts a second, long enough to watch and to cancel in the middle
                "CREATE FUNCTION streamvibe.slow() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$BEGIN PERFORM pg_sleep(1); RETURN NULL; END$$",
                "CREATE TRIGGER slow_delete BEFORE DELETE ON streamvibe.job_queue FOR EACH STATEMENT"
                        + " EXECUTE FUNCTION streamvibe.slow()",
                "ANALYZE streamvibe.job_queue");
        TableView<?> queues = robot.lookup("#queues").queryAs(TableView.class);
        robot.interact(() -> queues.getSelectionModel().select(0));

        robot.clickOn("#purge-queue");
        Label eligible = lookup("#purge-eligible");
        await("the purge counts what it deletes").atMost(PATIENCE)
                .until(() -> fx(eligible::getText), "5,000 jobs will be deleted, in batches."::equals);
        DialogPane dialog = lookup("#purge-dialog");
        robot.clickOn(dialog.lookupButton(PurgeDialog.PURGE));

        Label phase = lookup("#action-phase");
        await("the first batch is reported").atMost(PATIENCE)
                .until(() -> fx(phase::getText), t -> t.startsWith("batch: 1 of 6 · 1,000 jobs deleted."));
        robot.clickOn("#" + ActionProgressBar.CANCEL_ID);
        await("the purge stopped").atMost(PATIENCE).until(() -> fx(() -> model.actions().busyProperty().get()), b -> !b);

        String message = fx(() -> model.actions().messageProperty().get());
        Matcher said = Pattern.compile("Cancelled by the user\\. (\\d) of 6 statements had committed: ([\\d,]+) jobs deleted\\.")
                .matcher(message);
        assertThat(said.find()).as(message).isTrue();
        long deleted = Long.parseLong(said.group(2).replace(",", ""));
        assertThat(deleted).as("stopped between batches, not after the last").isBetween(1_000L, 4_000L)
                .isEqualTo(Long.parseLong(said.group(1)) * 1_000);
        assertThat(count("SELECT count(*) FROM streamvibe.job_queue WHERE completed_at < now() - interval '30 days'"))
                .as("what the message says is what was deleted").isEqualTo(5_000 - deleted);
        assertThat(confirmed).extracting(ActionPlan::title)
                .containsExactly("Delete 5,000 jobs matching the filter in job_queue (streamvibe)");
        assertThat(audit.read()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("CANCELLED"));
    }

    private void show(String id) {
        TableView<Job> jobs = lookup("#jobs");
        await("the jobs are listed").atMost(PATIENCE).until(() -> fx(() -> jobs.getItems().size()), n -> n > 0);
        robot.interact(() -> {
            jobs.getSelectionModel().clearSelection();
            jobs.getItems().stream().filter(j -> j.id().equals(id)).findFirst()
                    .ifPresent(j -> jobs.getSelectionModel().select(j));
        });
        await("the detail shows " + id).atMost(PATIENCE)
                .until(() -> fx(() -> model.jobs().shownProperty().get() != null
                        && model.jobs().shownProperty().get().id().equals(id)));
    }

    private List<Boolean> disabled(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> robot.lookup(id).queryAs(Button.class).isDisabled()).toList();
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T lookup(String id) {
        await(id + " is shown").atMost(PATIENCE).until(() -> robot.lookup(id).tryQuery().isPresent());
        return (T) robot.lookup(id).query();
    }

    private String status(String id) throws SQLException {
        try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM streamvibe.job_queue WHERE id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
