package io.pgdeck.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.Backend;
import io.pgdeck.connect.PoolStats;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

class ConnectionsViewModelTest {

    private static final OffsetDateTime NOW = Instant.parse("2026-11-22T10:00:00Z").atOffset(ZoneOffset.UTC);
    private final List<ActionPlan> asked = new ArrayList<>();
    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty();
    private final DialogService declining = new RecordingDialogs(false, asked);
    private final ConnectionsViewModel model = new ConnectionsViewModel(UiExecutor.direct(),
            new ActionDoor(null, declining, UiExecutor.direct(), readOnly), "");

    @Test
    void groupsLongRunningAndBlocking() {
        Backend holder = backend(10, "alice", "billing", "idle in transaction", 300, List.of());
        Backend waiter = backend(11, "bob", "web", "active", 40, List.of(10));
        Backend quick = backend(12, "bob", "web", "active", 1, List.of());
        Backend idle = backend(13, "carol", "web", "idle", 0, List.of());
        model.onBackends(Sample.of(List.of(holder, waiter, quick, idle), NOW.toInstant(), Duration.ZERO));

        assertThat(model.groups()).extracting(CountRow::group, CountRow::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("active", 2),
                        org.assertj.core.groups.Tuple.tuple("idle", 1),
                        org.assertj.core.groups.Tuple.tuple("idle in transaction", 1));
        model.groupByProperty().set(GroupBy.APPLICATION);
        assertThat(model.groups()).extracting(CountRow::group).containsExactly("web", "billing");

        assertThat(model.longRunning()).extracting(Backend::pid).containsExactly(11);
        model.longQueryThresholdProperty().set(Duration.ofSeconds(1));
        assertThat(model.longRunning()).extracting(Backend::pid).containsExactly(11, 12);

        assertThat(model.blockingProperty().get().roots()).singleElement().satisfies(root -> {
            assertThat(root.backend().pid()).isEqualTo(10);
            assertThat(root.waiters()).extracting(n -> n.backend().pid()).containsExactly(11);
        });
        assertThat(model.oldestIdleInTransactionProperty().get()).startsWith("pid 10 (alice, billing) for 5 min");
        assertThat(model.summaryProperty().get()).startsWith("4 client connections: 2 active, 1 idle, 1 idle in transaction");
    }

    @Test
    void cancelShowsTheExactSqlAndDoesNothingWhenDeclinedOrReadOnly() {
        Backend b = backend(42, "alice", "web", "active", 90, List.of());
        assertThat(model.cancel(b)).isFalse();
        assertThat(asked).singleElement().satisfies(plan -> {
            assertThat(plan.sql()).isEqualTo("select pg_catalog.pg_cancel_backend(42);");
            // the effect is one sentence, the backend and its query a line of their own
            assertThat(plan.risk()).endsWith("The session stays connected.\n"
                    + "Backend: pid 42 of alice from web, active for 1 min 30 s. Query: UPDATE t SET x = 1 WHERE id = 42");
        });
        assertThat(model.actions().messageProperty().get()).startsWith("Not run");
    }

    @Test
    void poolStatsAreKeptForTheChart() {
        model.onPool(Sample.of(new PoolStats(1, 2, 3, 0, 3), NOW.toInstant(), Duration.ZERO));
        assertThat(model.poolProperty().get().total()).isEqualTo(3);
        assertThat(model.poolHistory().size()).isEqualTo(1);
    }

    private static Backend backend(int pid, String user, String app, String state, int ageSeconds, List<Integer> blockedBy) {
        OffsetDateTime started = NOW.minusSeconds(ageSeconds);
        return new Backend(pid, "app", user, app, "10.0.0." + pid, "client backend", state,
                blockedBy.isEmpty() ? null : "Lock", blockedBy.isEmpty() ? null : "transactionid",
                started, started, started, started, null, null, "UPDATE t SET x = 1 WHERE id = " + pid, blockedBy, NOW);
    }
}
