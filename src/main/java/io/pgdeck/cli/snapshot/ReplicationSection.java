package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.ArchiverStats;
import io.pgdeck.catalog.ConnectedStandby;
import io.pgdeck.catalog.RecoveryConflicts;
import io.pgdeck.catalog.ReplayLag;
import io.pgdeck.catalog.ReplicationSlot;
import io.pgdeck.catalog.ReplicationStatus;
import io.pgdeck.catalog.WalReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The snapshot's {@code replication} section, from either side: on a primary its standbys and
 * the WAL rate; on a standby its receiver and lag; slots and the archiver on both.
 *
 * @param walBytesPerSecond WAL written (primary) or received (standby) per second over the
 *                          snapshot's interval; null without one
 */
public record ReplicationSection(
        String role,
        Double walBytesPerSecond,
        List<Standby> standbys,
        List<Slot> slots,
        Archiver archiver,
        Receiver receiver,
        Lag lag,
        Long recoveryConflicts) {

    public static ReplicationSection of(ReplicationStatus before, ReplicationStatus after) {
        ReplicationStatus s = after;
        return new ReplicationSection(s.role(), before == null ? null : Figures.finite(s.walBytesPerSecond(before)),
                s.standbys().stream().map(Standby::of).toList(),
                s.slots().stream().map(Slot::of).toList(),
                Archiver.of(s.archiver()),
                s.receiver() == null ? null : Receiver.of(s.receiver()),
                s.replay() == null ? null : Lag.of(s.replay()),
                s.standby() ? s.conflicts().stream().mapToLong(RecoveryConflicts::total).sum() : null);
    }

    /** A standby of this primary; lag times are null once it has caught up and gone quiet. */
    public record Standby(String applicationName, String clientAddress, String state, String syncState,
                          Double writeLagSeconds, Double flushLagSeconds, Double replayLagSeconds,
                          Long sentLagBytes, Long replayLagBytes) {
        static Standby of(ConnectedStandby s) {
            return new Standby(s.applicationName(), s.clientAddress(), s.state(), s.syncState(), seconds(s.writeLag()),
                    seconds(s.flushLag()), seconds(s.replayLag()), s.sentLagBytes(), s.replayLagBytes());
        }

        public double replayLagOrZero() {
            return replayLagSeconds == null ? 0 : replayLagSeconds;
        }
    }

    public record Slot(String name, String type, String database, boolean active, String walStatus,
                       Long retainedBytes, Long safeWalSize, Instant inactiveSince, String invalidationReason) {
        static Slot of(ReplicationSlot s) {
            return new Slot(s.name(), s.type(), s.database(), s.active(), s.walStatus(), s.retainedBytes(),
                    s.safeWalSize(), Figures.instant(s.inactiveSince()), s.invalidationReason());
        }
    }

    public record Archiver(boolean archiveMode, long archivedCount, String lastArchivedWal, Instant lastArchivedAt,
                           long failedCount, String lastFailedWal, Instant lastFailedAt, boolean failingSinceLastSuccess) {
        static Archiver of(ArchiverStats a) {
            return new Archiver(a.archiveMode(), a.archivedCount(), a.lastArchivedWal(), Figures.instant(a.lastArchivedAt()),
                    a.failedCount(), a.lastFailedWal(), Figures.instant(a.lastFailedAt()), a.failingSinceLastSuccess());
        }
    }

    public record Receiver(String status, String senderHost, Integer senderPort, String slotName, String flushedLsn,
                           Instant lastMessageReceivedAt) {
        static Receiver of(WalReceiver w) {
            return new Receiver(w.status(), w.senderHost(), w.senderPort(), w.slotName(), w.flushedLsn(),
                    Figures.instant(w.lastMessageReceivedAt()));
        }
    }

    /**
     * How far replay is behind what this standby received. {@code seconds} is 0 when caught up:
     * the age of the last replayed transaction then only says the primary has been idle.
     */
    public record Lag(long bytes, double seconds, boolean caughtUp, Double secondsSinceLastReplayedTransaction,
                      String pauseState, String description) {
        static Lag of(ReplayLag r) {
            return new Lag(r.lagBytes(), Figures.seconds(r.lag()), r.caughtUp(),
                    ReplicationSection.seconds(r.sinceLastReplayedTransaction()), r.pauseState(), r.describe());
        }
    }

    private static Double seconds(Duration d) {
        return d == null ? null : Figures.seconds(d);
    }
}
