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
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.RecordingDialogs;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgmq's "make visible now" from the job detail: offered only for a message a consumer holds,
 * confirmed on its own with the risk of a second delivery, and then the next read takes it once.
 */
class MakeVisibleNowTest {

    private final TestPostgres pg = TestPostgres.NEWEST;
    private final List<ActionPlan> confirmed = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @Test
    void onlyAMessageInFlightIsOfferedAndTheNextReadTakesItOnce() throws Exception {
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), fixture("pgmq_1_5.sql"), fixture("pgmq_messages.sql"));
        try (Target target = pg.openTarget(profile)) {
            QueueMonitor monitor = new QueueMonitor(target, List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
            ActionDoor door = new ActionDoor(new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                    new ActionSettings(Duration.ofSeconds(5), Duration.ofMinutes(1))), new RecordingDialogs(true, confirmed),
                    UiExecutor.direct(), new SimpleBooleanProperty(false));
            QueuesViewModel model = new QueuesViewModel(UiExecutor.direct(), door, monitor, TaskExecutor.sameThread(),
                    () -> { }, m -> { });
            model.onReading(Sample.of(monitor.read(), Instant.now(), Duration.ZERO));
            model.selectedProperty().set(model.rows().stream().filter(r -> r.status().queue().name().equals("emails"))
                    .findFirst().orElseThrow());
            JobBrowserViewModel jobs = model.jobs();

            jobs.select(job(jobs, "emails:6"));
            assertThat(jobs.inFlightProperty().get()).as("a message nobody read is not in flight").isFalse();
            assertThat(jobs.makeVisibleShown()).isFalse();

            jobs.select(job(jobs, "emails:3"));
            assertThat(jobs.inFlightProperty().get()).as("read, invisible for ten minutes: a consumer holds it").isTrue();
            assertThat(jobs.makeVisibleShown()).isTrue();
            await("the action ran").until(() -> !door.busyProperty().get());

            assertThat(confirmed).singleElement().satisfies(plan -> {
                assertThat(plan.title()).isEqualTo("Make 1 pgmq message in flight visible now");
                assertThat(plan.risk()).contains("may run twice");
                assertThat(plan.sql()).contains("\"pgmq\".\"set_vt\"");
            });
            assertThat(reads(profile)).as("the next consumer reads message 3 now, once").containsExactly(3L);
        }
    }

    private static Job job(JobBrowserViewModel jobs, String id) {
        return jobs.jobs().stream().filter(j -> j.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not listed: " + jobs.jobs()));
    }

    /** Every message two consumers' reads take now, as pgmq.read hands them out. */
    private List<Long> reads(ConnectionProfile profile) throws SQLException {
        List<Long> taken = new ArrayList<>();
        try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement()) {
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = st.executeQuery("SELECT msg_id FROM pgmq.read('emails', 600, 10) WHERE msg_id = 3")) {
                    while (rs.next()) {
                        taken.add(rs.getLong(1));
                    }
                }
            }
        }
        return taken;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MakeVisibleNowTest.class.getResourceAsStream("/io/pgdeck/queue/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
