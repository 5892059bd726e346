package io.pgdeck.ui.replication;

import io.pgdeck.catalog.ConnectedStandby;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.ReplicationSlot;
import io.pgdeck.catalog.ReplicationStatus;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Replication from the side pgdeck is connected to: a primary's standbys, slots and WAL rate, or
 * a standby's receiver and replay lag, with the lag's history for the charts. It also tells the
 * action door and the status bar whether this server is a standby, read at every refresh, so a
 * promotion shows without reconnecting.
 */
public final class ReplicationViewModel {

    /** A day of one-second samples. */
    static final int HISTORY = 86_400;

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final Freshness freshness = new Freshness();
    private final ReadOnlyBooleanWrapper standby = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper role = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper walRate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper receiver = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper replay = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper archiver = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper conflicts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nothing = new ReadOnlyStringWrapper("");
    private final ObservableList<ConnectedStandby> standbys = FXCollections.observableArrayList();
    private final ObservableList<ReplicationSlot> slots = FXCollections.observableArrayList();
    private final History<LagPoint> lagHistory = new History<>(HISTORY);
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();
    private ReplicationStatus previous;

    /** The largest lag of the moment: over all standbys on a primary, replay on a standby. */
    public record LagPoint(double seconds, double bytes) {}

    public ReplicationViewModel(UiExecutor ui, ActionDoor actions) {
        this.ui = ui;
        this.actions = actions;
    }

    public void onStatus(Sample<ReplicationStatus> sample) {
        ui.execute(() -> {
            freshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            ReplicationStatus s = sample.value();
            standby.set(s.standby());
            actions.onStandby(s.standby());
            role.set(s.standby() ? "standby (read-only replica of "
                    + (s.receiver() == null ? "a primary it is not receiving from" : s.receiver().sender()) + ")" : "primary");
            double rate = s.walBytesPerSecond(previous);
            walRate.set(Double.isNaN(rate) ? "–" : Formats.bytes(Math.round(rate)) + "/s");
            previous = s;
            standbys.setAll(s.standbys());
            slots.setAll(s.slots());
            receiver.set(s.receiver() == null ? (s.standby() ? "WAL receiver not running: the primary is unreachable" : "")
                    : s.receiver().status() + " from " + s.receiver().sender()
                    + (s.receiver().slotName() == null ? "" : " through slot " + s.receiver().slotName())
                    + ", flushed up to " + s.receiver().flushedLsn());
            replay.set(s.replay() == null ? "" : s.replay().describe());
            conflicts.set(s.standby() ? "queries cancelled by replay: " + s.conflicts().stream()
                    .mapToLong(io.pgdeck.catalog.RecoveryConflicts::total).sum() : "");
            archiver.set(!s.archiver().archiveMode() ? "archive_mode is off"
                    : s.archiver().archivedCount() + " archived, " + s.archiver().failedCount() + " failed"
                    + (s.archiver().failingSinceLastSuccess() ? ": failing since " + s.archiver().lastFailedAt() : ""));
            nothing.set(s.nothingReplicates() ? ReplicationStatus.NOTHING : "");
            lagHistory.add(sample.readAt(), lag(s));
            chartsUpdated.set(sample.readAt());
        });
    }

    private static LagPoint lag(ReplicationStatus s) {
        if (s.standby()) {
            return s.replay() == null ? new LagPoint(Double.NaN, Double.NaN)
                    : new LagPoint(s.replay().lag().toMillis() / 1000.0, s.replay().lagBytes());
        }
        double seconds = s.standbys().stream().filter(x -> x.replayLag() != null)
                .mapToDouble(x -> x.replayLag().toMillis() / 1000.0).max().orElse(0);
        double bytes = s.standbys().stream().filter(x -> x.replayLagBytes() != null)
                .mapToLong(ConnectedStandby::replayLagBytes).max().orElse(0);
        return new LagPoint(seconds, bytes);
    }

    public Freshness freshness() {
        return freshness;
    }

    public ReadOnlyBooleanProperty standbyProperty() {
        return standby.getReadOnlyProperty();
    }

    /** "primary", or "standby (read-only replica of host:port)": for the status bar too. */
    public ReadOnlyStringProperty roleProperty() {
        return role.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty walRateProperty() {
        return walRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty receiverProperty() {
        return receiver.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty replayProperty() {
        return replay.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty archiverProperty() {
        return archiver.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conflictsProperty() {
        return conflicts.getReadOnlyProperty();
    }

    /** The sentence when nothing replicates, else empty. */
    public ReadOnlyStringProperty nothingProperty() {
        return nothing.getReadOnlyProperty();
    }

    public ObservableList<ConnectedStandby> standbys() {
        return FXCollections.unmodifiableObservableList(standbys);
    }

    public ObservableList<ReplicationSlot> slots() {
        return FXCollections.unmodifiableObservableList(slots);
    }

    public History<LagPoint> lagHistory() {
        return lagHistory;
    }

    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }

    public ActionDoor actions() {
        return actions;
    }
}
