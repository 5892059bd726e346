package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.LeastPrivilege;
import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * As a role with only pg_monitor, as DBAs give a console: the side-effect probe reads only what
 * every role may read, ANALYZE of the monitoring views runs without asking, and a table the role
 * may not read gets PostgreSQL's own sentence from EXPLAIN and from Run alike.
 */
class LeastPrivilegeExplainTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aMonitoringRoleExplainsAndRunsWhatItMayRead(TestPostgres pg) throws Exception {
        LeastPrivilege roles = LeastPrivilege.plant(pg);
        try (Target target = Target.open(roles.profile(roles.monitor()), TargetOptions.defaults())) {
            ExplainRunner runner = new ExplainRunner(target, Duration.ofSeconds(30));
            ExplainResult activity = runner.run(runner.prepare("SELECT state, count(*) FROM pg_stat_activity"
                    + " GROUP BY state", ExplainOptions.analyzeWithBuffers()), false);
            assertThat(activity.plan().analyzed()).isTrue();
            assertThat(activity.sideEffects().none()).isTrue();

            ExplainRequest hidden = runner.prepare("SELECT * FROM app.events", ExplainOptions.analyzeWithBuffers());
            assertThatThrownBy(() -> runner.run(hidden, false)).isInstanceOf(ExplainException.class)
                    .hasMessage("Permission denied for table events");

            ReadOnlyQuery query = new ReadOnlyQuery(target, Duration.ofSeconds(30));
            assertThat(query.run("SELECT datname FROM pg_stat_database").rows()).isNotEmpty();
            assertThatThrownBy(() -> query.run("SELECT * FROM app.events")).isInstanceOf(ExplainException.class)
                    .hasMessage("Permission denied for table events");
        }
    }
}
