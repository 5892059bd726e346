package io.pgdeck.cli.check;

import io.pgdeck.catalog.Formats;
import io.pgdeck.cli.snapshot.ReplicationSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The replication checks of {@code pgdeck check}, as pure functions of the snapshot's section. */
final class ReplicationChecks {

    private ReplicationChecks() {}

    static List<HealthCheck> run(ReplicationSection r, ReplicationThresholds t) {
        return List.of("standby".equals(r.role()) ? replay(r, t) : standbys(r, t), slots(r, t), archiver(r));
    }

    /** On a primary: every standby's replay lag, in time and in bytes. */
    static HealthCheck standbys(ReplicationSection r, ReplicationThresholds t) {
        if (r.standbys().isEmpty()) {
            return HealthCheck.ok("replication", "primary, no standby connected" + limit(t));
        }
        List<String> figures = new ArrayList<>();
        boolean warn = false;
        for (ReplicationSection.Standby s : r.standbys()) {
            boolean behind = s.replayLagOrZero() > t.lag().toMillis() / 1000.0
                    || (s.replayLagBytes() != null && s.replayLagBytes() > t.lagBytes());
            warn |= behind || !"streaming".equals(s.state());
            figures.add(String.format(Locale.ROOT, "%s (%s, %s) replay lag %s, %s behind", s.applicationName(),
                    s.clientAddress(), s.state(), s.replayLagSeconds() == null ? "none" : Formats.seconds(s.replayLagSeconds()),
                    Formats.bytes(s.replayLagBytes())));
        }
        String figure = "primary, " + r.standbys().size() + " standby(s): " + String.join("; ", figures) + limit(t);
        return warn ? HealthCheck.warn("replication", figure) : HealthCheck.ok("replication", figure);
    }

    /** On a standby: whether it receives, and how far replay is behind what it received. */
    static HealthCheck replay(ReplicationSection r, ReplicationThresholds t) {
        ReplicationSection.Receiver receiver = r.receiver();
        if (receiver == null || !"streaming".equals(receiver.status())) {
            return HealthCheck.warn("replication", "standby, but its WAL receiver is "
                    + (receiver == null ? "not running: the primary is unreachable" : receiver.status()));
        }
        ReplicationSection.Lag lag = r.lag();
        String figure = String.format(Locale.ROOT, "standby of %s:%s, %s%s", receiver.senderHost(), receiver.senderPort(),
                lag.description(), limit(t));
        boolean warn = lag.seconds() > t.lag().toMillis() / 1000.0 || lag.bytes() > t.lagBytes();
        return warn ? HealthCheck.warn("replication", figure) : HealthCheck.ok("replication", figure);
    }

    /** An inactive slot keeps every WAL segment since its standby left; a lost slot is of no use any more. */
    static HealthCheck slots(ReplicationSection r, ReplicationThresholds t) {
        String limit = ", warn when an inactive one retains over " + Formats.bytes(t.slotRetainedBytes());
        if (r.slots().isEmpty()) {
            return HealthCheck.ok("replication slots", "none" + limit);
        }
        List<String> problems = new ArrayList<>();
        for (ReplicationSection.Slot s : r.slots()) {
            if (s.invalidationReason() != null) {
                problems.add(s.name() + " is invalidated (" + s.invalidationReason() + "): drop it and rebuild its standby");
            } else if (!s.active() && s.retainedBytes() != null && s.retainedBytes() > t.slotRetainedBytes()) {
                problems.add(s.name() + " is inactive and retains " + Formats.bytes(s.retainedBytes())
                        + " of WAL: start its standby or drop the slot");
            }
        }
        if (problems.isEmpty()) {
            long inactive = r.slots().stream().filter(s -> !s.active()).count();
            return HealthCheck.ok("replication slots", r.slots().size() + " slot(s), " + inactive + " inactive" + limit);
        }
        return HealthCheck.warn("replication slots", String.join("; ", problems) + limit);
    }

    /** Failures since the last success mean WAL piles up in pg_wal until archive_command works again. */
    static HealthCheck archiver(ReplicationSection r) {
        ReplicationSection.Archiver a = r.archiver();
        if (!a.archiveMode()) {
            return HealthCheck.ok("wal archiving", "archive_mode is off");
        }
        if (a.failingSinceLastSuccess()) {
            return HealthCheck.warn("wal archiving", String.format(Locale.ROOT,
                    "failing: %s failed at %s, last success %s (%s archived, %s failed since the statistics reset)",
                    a.lastFailedWal(), a.lastFailedAt(), a.lastArchivedAt() == null ? "never" : a.lastArchivedAt(),
                    Formats.count(a.archivedCount()), Formats.count(a.failedCount())));
        }
        return HealthCheck.ok("wal archiving", Formats.count(a.archivedCount()) + " archived, last "
                + (a.lastArchivedAt() == null ? "never" : a.lastArchivedAt()) + ", no failure since");
    }

    private static String limit(ReplicationThresholds t) {
        return ", warn over " + Formats.age(t.lag()) + " or " + Formats.bytes(t.lagBytes());
    }
}
