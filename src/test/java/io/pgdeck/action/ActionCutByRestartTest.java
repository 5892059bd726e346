package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.RestartablePostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restarted while an action runs: the action's result says the connection went away
 * mid-action and that the user must check whether it finished, not that a refresh will retry it
 * (nothing retries an action). A server of its own, since restarting a shared one breaks others.
 */
class ActionCutByRestartTest {

    private static final ActionSettings SETTINGS = new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @TempDir
    Path tmp;

    @Test
    void anActionCutByARestartSaysToCheckWhetherItFinished() throws Exception {
        try (RestartablePostgres server = new RestartablePostgres(tmp.resolve("data"));
             Target target = Target.open(server.profile(), TargetOptions.defaults())) {
            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
            ActionRunner runner = new ActionRunner(target, audit, () -> false, SETTINGS);
            ActionRunner.Running running = runner.start(new SleepAction(), p -> {});
            ActivityReader activity = new ActivityReader(target);
            await("the action sleeping on the server").atMost(Duration.ofSeconds(15)).until(() -> activity.backends()
                    .stream().anyMatch(b -> Target.ACTION_APPLICATION_NAME.equals(b.application())
                            && "PgSleep".equals(b.waitEvent())));

            server.stop();
            server.start();
            ActionResult result = running.result().get(30, TimeUnit.SECONDS);

            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
            assertThat(result.message()).startsWith("The server restarted (or the connection was lost) while the"
                    + " action ran: check whether it finished before retrying.").doesNotContain("next refresh");
            assertThat(audit.read()).singleElement().satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo("FAILED");
                assertThat(entry.message()).isEqualTo(result.message());
            });
        }
    }

    /** Long enough to be running when the server stops. */
    private record SleepAction() implements Action {
        @Override
        public ActionPlan plan() {
            return new ActionPlan("Sleep", List.of("SELECT pg_sleep(60)"), "none", "none", ActionPlan.Commit.ONE_TRANSACTION);
        }
    }
}
