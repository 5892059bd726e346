package io.pgdeck.cli.check;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BouncerPool;
import io.pgdeck.catalog.ConnectionBreakdown;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionCoverage;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.PgBouncerRead;
import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.PgBouncerWarning;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.cli.snapshot.QueueEntry;
import io.pgdeck.cli.snapshot.QueuesSection;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The checks of {@code pgdeck check}, as pure functions of what the readers returned. */
final class HealthChecks {

    private HealthChecks() {}

    static List<HealthCheck> run(ServerInfo info, List<Backend> backends, Optional<DatabaseStats> database,
                                 List<IndexReport> invalidIndexes, CheckThresholds t) {
        ConnectionBreakdown connections = ConnectionBreakdown.of(backends);
        return List.of(
                connections(connections, info.maxConnections(), t.connectionsPercent()),
                idleInTransaction(connections, t),
                cacheHitRatio(info.database(), database, t),
                invalidIndexes(invalidIndexes));
    }

    /** An invalid index is never used by queries but may still be updated by every write: always worth a warning. */
    static HealthCheck invalidIndexes(List<IndexReport> invalid) {
        if (invalid.isEmpty()) {
            return HealthCheck.ok("invalid indexes", "none");
        }
        return HealthCheck.warn("invalid indexes", invalid.size() + ": " + String.join(", ", invalid.stream()
                .map(r -> r.index().schema() + "." + r.index().name()
                        + (r.leftoverOf() == null ? "" : " (left by a failed REINDEX CONCURRENTLY of " + r.leftoverOf() + ")"))
                .toList()) + "; drop or rebuild them");
    }

    /**
     * Time-range sets with less than one interval covered ahead (inserts are about to fail or land
     * in DEFAULT), and DEFAULT partitions holding rows (which block creating their partitions).
     */
    static HealthCheck partitions(List<PartitionSet> sets, LocalDateTime nowUtc) {
        List<String> problems = new java.util.ArrayList<>();
        for (PartitionSet s : sets) {
            s.coverage(nowUtc).filter(PartitionCoverage::shortAhead).ifPresent(c -> problems.add(s.qualifiedName()
                    + " covered only until " + c.coveredUntil().toLocalDate()
                    + c.interval().map(i -> ", less than one " + i.label() + " ahead").orElse("")));
            s.defaultPartition().filter(Partition::defaultHoldsRows).ifPresent(d -> problems.add(
                    d.qualifiedName() + " (DEFAULT) holds " + (d.readable() ? "" : "≈ ")
                            + Formats.count(d.defaultRows()) + " rows" + d.defaultRowsNote().map(n -> " (" + n + ")").orElse("")));
        }
        List<String> unknown = sets.stream().flatMap(s -> s.defaultPartition().stream())
                .filter(d -> d.defaultRows() < 0).map(d -> d.qualifiedName() + " (DEFAULT) " + d.defaultRowsNote().orElse(""))
                .toList();
        if (problems.isEmpty()) {
            return HealthCheck.ok("partitions", sets.size() + " partitioned table(s): coverage ahead, DEFAULT partitions "
                    + (unknown.isEmpty() ? "empty" : "empty or " + String.join("; ", unknown)));
        }
        problems.addAll(unknown);
        return HealthCheck.warn("partitions", String.join("; ", problems));
    }

    /** Every backend is listed to every role, so the count is right even when details are hidden. */
    static HealthCheck connections(ConnectionBreakdown connections, int max, double warnPercent) {
        HealthCheck check = connections(connections.total(), max, warnPercent);
        return connections.detailsHidden() == 0 ? check : new HealthCheck(check.name(), check.status(),
                check.figure() + String.format(Locale.ROOT, "; %d of them other roles' with details hidden",
                        connections.detailsHidden()));
    }

    static HealthCheck connections(int total, int max, double warnPercent) {
        double percent = 100.0 * total / max;
        String figure = String.format(Locale.ROOT, "%d of %d max_connections (%.1f%%), warn over %s%%",
                total, max, percent, HealthCheck.threshold(warnPercent));
        return percent > warnPercent ? HealthCheck.warn("connections", figure) : HealthCheck.ok("connections", figure);
    }

    static HealthCheck idleInTransaction(ConnectionBreakdown connections, CheckThresholds t) {
        String limit = ", warn over " + Formats.age(t.idleInTransaction())
                + connections.hiddenNote().map(n -> "; " + n).orElse("");
        Optional<Backend> oldest = connections.oldestIdleInTransaction();
        if (oldest.isEmpty()) {
            return HealthCheck.ok("idle in transaction", "no session" + limit);
        }
        Backend b = oldest.get();
        String figure = String.format(Locale.ROOT, "oldest: pid %d (%s, %s) idle for %s%s", b.pid(), b.user(),
                b.application(), Formats.age(b.stateAge()), limit);
        return b.stateAge().compareTo(t.idleInTransaction()) > 0
                ? HealthCheck.warn("idle in transaction", figure) : HealthCheck.ok("idle in transaction", figure);
    }

    static HealthCheck cacheHitRatio(String name, Optional<DatabaseStats> database, CheckThresholds t) {
        if (database.isEmpty()) {
            return HealthCheck.ok("cache hit ratio", "no statistics for database " + name + " yet");
        }
        DatabaseStats d = database.get();
        long blocks = d.blocksHit() + d.blocksRead();
        if (blocks < t.cacheMinBlocks()) {
            return HealthCheck.ok("cache hit ratio", String.format(Locale.ROOT,
                    "not judged: only %s block reads in %s since the statistics were reset (needs %s)",
                    Formats.count(blocks), name, Formats.count(t.cacheMinBlocks())));
        }
        double percent = 100 * d.cacheHitRatio();
        String figure = String.format(Locale.ROOT,
                "%.2f%% of %s block reads in %s served from shared buffers, warn under %s%%",
                percent, Formats.count(blocks), name, HealthCheck.threshold(t.cacheHitPercent()));
        return percent < t.cacheHitPercent()
                ? HealthCheck.warn("cache hit ratio", figure) : HealthCheck.ok("cache hit ratio", figure);
    }

    /**
     * One line per queue: its waiting backlog, the age of its oldest ready job and its failure
     * rate; and one per installation found but not read (hidden from the role), said not judged.
     */
    static List<HealthCheck> queues(QueuesSection queues, QueueThresholds t) {
        List<HealthCheck> out = new java.util.ArrayList<>(queues.queues().stream().map(q -> queue(q, t)).toList());
        queues.problems().forEach(p -> out.add(HealthCheck.ok("queues", "not judged: " + p)));
        return out.isEmpty() ? List.of(HealthCheck.ok("queues", "no job queue found")) : out;
    }

    static HealthCheck queue(QueueEntry q, QueueThresholds t) {
        String name = "queue " + q.queue();
        double rate = q.failureRate() == null ? 0 : 100 * q.failureRate();
        String figure = String.format(Locale.ROOT, "%s (%s): %s waiting (warn over %s), oldest waits %s (warn over %s),"
                        + " %s failed in the last minutes (warn over %s%%)", q.library(), q.schema(),
                Formats.count(q.waiting()), Formats.count(t.waiting()),
                q.oldestWaitingSeconds() == null ? "unknown" : Formats.seconds(q.oldestWaitingSeconds()),
                Formats.age(t.oldestWaiting()),
                q.failureRate() == null ? (q.donePerMinute() == null || q.failedPerMinute() == null ? "unknown" : "none") : String.format(Locale.ROOT, "%.1f%%", rate), HealthCheck.threshold(t.failurePercent()));
        boolean warn = q.waiting() > t.waiting() || q.oldestWaitingSeconds() != null && q.oldestWaitingSeconds() > t.oldestWaiting().toSeconds()
                || rate > t.failurePercent();
        return warn ? HealthCheck.warn(name, figure) : HealthCheck.ok(name, figure);
    }

    /**
     * Clients waiting too long, pools at their size, client connections near max_client_conn: one
     * line each, or one line saying why the console could not be read; nothing when there is no bouncer.
     */
    static List<HealthCheck> pgbouncer(PgBouncerReading reading, PgBouncerThresholds t) {
        if (reading.nothingConfigured()) {
            return List.of();
        }
        if (!reading.available()) {
            return List.of(HealthCheck.warn("pgbouncer", reading.unavailable()));
        }
        PgBouncerRead read = reading.read();
        List<PgBouncerWarning> warnings = PgBouncerWarning.of(read, t);
        java.time.Duration longest = read.pools().stream().map(BouncerPool::maxWait)
                .max(java.util.Comparator.naturalOrder()).orElse(java.time.Duration.ZERO);
        int waiting = read.pools().stream().mapToInt(BouncerPool::clientsWaiting).sum();
        String fullest = read.pools().stream().filter(p -> !"pgbouncer".equals(p.database()))
                .max(java.util.Comparator.comparingDouble(p -> (double) p.servers() / Math.max(1, read.poolSize(p.database()))))
                .map(p -> ", fullest " + p.name() + " " + p.servers() + " of " + read.poolSize(p.database())).orElse("");
        return List.of(
                bouncerCheck("pgbouncer waiting", warnings, PgBouncerWarning.Kind.CLIENTS_WAITING, String.format(Locale.ROOT,
                        "%d client(s) waiting, the longest %.1f s, warn over %s", waiting, longest.toMillis() / 1000.0,
                        Formats.age(t.maxWait()))),
                bouncerCheck("pgbouncer pools", warnings, PgBouncerWarning.Kind.POOL_FULL, String.format(Locale.ROOT,
                        "%d pool(s) below %s%% of their pool_size%s", read.pools().stream()
                                .filter(p -> !"pgbouncer".equals(p.database())).count(), HealthCheck.threshold(t.poolPercent()), fullest)),
                bouncerCheck("pgbouncer clients", warnings, PgBouncerWarning.Kind.CLIENT_CONNECTIONS, String.format(Locale.ROOT,
                        "%d of %d max_client_conn, warn at %s%%", read.totalClients(), read.maxClientConn(),
                        HealthCheck.threshold(t.clientsPercent()))));
    }

    private static HealthCheck bouncerCheck(String name, List<PgBouncerWarning> warnings, PgBouncerWarning.Kind kind,
                                            String fine) {
        List<String> found = warnings.stream().filter(w -> w.kind() == kind).map(PgBouncerWarning::sentence).toList();
        return found.isEmpty() ? HealthCheck.ok(name, fine) : HealthCheck.warn(name, String.join(" ", found));
    }
}
