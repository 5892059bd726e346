package io.pgdeck.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Replication as seen from one server. On a primary: its standbys, its slots, its archiver. On a
 * standby: its WAL receiver, how far replay is behind, the queries replay cancelled, and the
 * slots and archiver it has of its own.
 *
 * @param walBytes the WAL position in bytes (written on a primary, received on a standby), whose
 *                 difference between two reads is the WAL rate
 */
public record ReplicationStatus(
        boolean standby,
        OffsetDateTime readAt,
        long walBytes,
        List<ConnectedStandby> standbys,
        List<ReplicationSlot> slots,
        ArchiverStats archiver,
        WalReceiver receiver,
        ReplayLag replay,
        List<RecoveryConflicts> conflicts) {

    public static final String NOTHING = "No standby is connected and no replication slot exists.";

    public ReplicationStatus {
        standbys = List.copyOf(standbys);
        slots = List.copyOf(slots);
        conflicts = List.copyOf(conflicts);
    }

    public String role() {
        return standby ? "standby" : "primary";
    }

    /** Nothing replicates from or through this server. */
    public boolean nothingReplicates() {
        return !standby && standbys.isEmpty() && slots.isEmpty();
    }

    /** WAL bytes per second between an earlier read and this one; NaN when there is none. */
    public double walBytesPerSecond(ReplicationStatus earlier) {
        if (earlier == null || earlier.standby != standby || walBytes < earlier.walBytes) {
            return Double.NaN;
        }
        double seconds = java.time.Duration.between(earlier.readAt, readAt).toNanos() / 1e9;
        return seconds <= 0 ? Double.NaN : (walBytes - earlier.walBytes) / seconds;
    }
}
