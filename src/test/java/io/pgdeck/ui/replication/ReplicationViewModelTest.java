package io.pgdeck.ui.replication;

import io.pgdeck.action.ActionRunner;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.ArchiverStats;
import io.pgdeck.catalog.ConnectedStandby;
import io.pgdeck.catalog.RecoveryConflicts;
import io.pgdeck.catalog.ReplayLag;
import io.pgdeck.catalog.ReplicationStatus;
import io.pgdeck.catalog.WalReceiver;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class ReplicationViewModelTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final ArchiverStats OFF = new ArchiverStats(false, 0, null, null, 0, null, null);

    private final ActionDoor door = new ActionDoor(null, null, UiExecutor.direct(), new SimpleBooleanProperty(false));
    private final ReplicationViewModel model = new ReplicationViewModel(UiExecutor.direct(), door);

    @Test
    void aLonePrimarySaysNothingReplicatesAndOffersWrites() {
        model.onStatus(sample(new ReplicationStatus(false, T0, 1000, List.of(), List.of(), OFF, null, null, List.of())));
        assertThat(model.roleProperty().get()).isEqualTo("primary");
        assertThat(model.nothingProperty().get()).isEqualTo("No standby is connected and no replication slot exists.");
        assertThat(door.writesAllowedProperty().get()).isTrue();
    }

    @Test
    void walRateIsTheDifferenceBetweenTwoReads() {
        ConnectedStandby s = new ConnectedStandby(1, "replica", "10.0.0.2", "streaming", "async", null, null,
                Duration.ofSeconds(3), 0L, 2048L);
        model.onStatus(sample(new ReplicationStatus(false, T0, 1000, List.of(s), List.of(), OFF, null, null, List.of())));
        model.onStatus(sample(new ReplicationStatus(false, T0.plusSeconds(2), 1000 + 4096, List.of(s), List.of(), OFF,
                null, null, List.of())));
        assertThat(model.walRateProperty().get()).isEqualTo("2.0 kB/s");
        assertThat(model.nothingProperty().get()).isEmpty();
        assertThat(model.lagHistory().latest().value()).isEqualTo(new ReplicationViewModel.LagPoint(3.0, 2048));
    }

    @Test
    void aStandbyNamesItsPrimaryRefusesWritesAndChartsNoLagWhenCaughtUp() {
        WalReceiver receiver = new WalReceiver("streaming", "db1.internal", 5432, "s1", "0/10", "0/10", "0/10", T0, T0, T0);
        ReplayLag idle = new ReplayLag("0/10", "0/10", 0, T0.minusMinutes(5), Duration.ofMinutes(5), "not paused");
        model.onStatus(sample(new ReplicationStatus(true, T0, 16, List.of(), List.of(), OFF, receiver, idle,
                List.of(new RecoveryConflicts("app", 0, 1, 2, 0, 0, 0)))));
        assertThat(model.roleProperty().get()).isEqualTo("standby (read-only replica of db1.internal:5432)");
        assertThat(model.replayProperty().get()).startsWith("caught up; no recent transactions on the primary");
        assertThat(model.conflictsProperty().get()).isEqualTo("queries cancelled by replay: 3");
        assertThat(model.lagHistory().latest().value().seconds()).isZero();
        assertThat(door.writesAllowedProperty().get()).isFalse();
        assertThat(door.writesRefusedProperty().get()).isEqualTo(ActionRunner.STANDBY);

        // promoted: writes come back without reconnecting
        model.onStatus(sample(new ReplicationStatus(false, T0.plusSeconds(1), 32, List.of(), List.of(), OFF, null, null,
                List.of())));
        assertThat(door.writesAllowedProperty().get()).isTrue();
    }

    private static Sample<ReplicationStatus> sample(ReplicationStatus s) {
        return Sample.of(s, s.readAt().toInstant(), Duration.ofMillis(3));
    }

}
