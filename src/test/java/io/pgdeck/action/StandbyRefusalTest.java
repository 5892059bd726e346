package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner, not only the window's door, refuses a write on a real standby before it is tried,
 * and still runs what a standby allows (cancelling a query).
 */
class StandbyRefusalTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteIsRefusedInOneSentenceAndCancelStillRuns() throws Exception {
        try (StandbyServer pair = StandbyServer.start(TestPostgres.NEWEST);
             Target standby = Target.open(pair.standbyProfile(), TargetOptions.defaults())) {
            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
            ActionRunner runner = new ActionRunner(standby, audit, () -> false, ActionSettings.defaults());
            AnalyzeAction analyze = new AnalyzeAction(new RelationName("pg_catalog", "pg_class"));

            assertThat(runner.refusal(PlannedAction.of(analyze))).hasValue(ActionRunner.STANDBY);
            assertThatThrownBy(() -> runner.run(analyze, p -> { })).hasMessage(ActionRunner.STANDBY);
            assertThat(audit.read()).isEmpty();

            SignalBackendAction cancel = SignalBackendAction.cancel(Integer.MAX_VALUE, "nobody's query");
            assertThat(runner.refusal(PlannedAction.of(cancel))).isEmpty();
            assertThat(runner.run(cancel, p -> { }).outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        }
    }
}
