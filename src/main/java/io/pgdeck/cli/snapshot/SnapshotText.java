package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Formats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The snapshot for a terminal: one labelled block per section, queries cut to one line. */
final class SnapshotText {

    private static final String INDENT = "             ";

    private SnapshotText() {}

    static void print(Snapshot s, PrintWriter out) {
        out.printf("pgdeck snapshot of %s at %s%n", s.target(), s.takenAt());
        ServerSection server = s.server();
        out.printf("server       PostgreSQL %s, %s, up %s, started %s%n", server.version(),
                server.inRecovery() ? "standby (in recovery)" : "primary",
                Formats.seconds(server.uptimeSeconds()), server.startedAt());
        connections(s.connections(), out);
        databases(s.databases(), out);
        longRunning(s.longRunning(), out);
        int blocked = s.blocking().stream().mapToInt(BlockingEntry::totalWaiters).sum();
        out.println("blocking     " + (s.blocking().isEmpty() ? "none"
                : s.blocking().size() + " session(s) blocking " + blocked));
        s.blocking().forEach(b -> blocking(b, 0, out));
        out.printf("pool         pgdeck's own: %d of %d connections, %d active, %d idle, %d threads waiting%n",
                s.pool().total(), s.pool().maximum(), s.pool().active(), s.pool().idle(), s.pool().threadsAwaiting());
        statements(s.statements(), out);
        bloat(s.bloat(), out);
        indexes(s.indexes(), out);
        partitions(s.partitions(), out);
        out.println("matviews     " + (s.matviews().isEmpty() ? "none" : s.matviews().size() + " in refresh order: "
                + String.join(", ", s.matviews().stream().map(m -> m.name() + (m.populated() ? "" : " (not populated)")
                + (m.refreshableConcurrently() ? "" : " (plain refresh only)")).toList())));
        queues(s.queues(), out);
        if (s.pgbouncer() != null) {
            pgbouncer(s.pgbouncer(), out);
        }
        replication(s.replication(), out);
        List<String> hints = s.capabilities().hints();
        out.println("hints        " + (hints.isEmpty() ? "none" : String.join("\n" + INDENT, hints)));
        out.flush();
    }

    private static void bloat(BloatSection b, PrintWriter out) {
        out.println("bloat        estimated " + size(b.estimatedWastedBytes()) + " in tables and btree indexes"
                + (b.exactHint() == null ? "" : "; " + b.exactHint()));
        b.hiddenByPrivileges().forEach(h -> out.println(INDENT + Formats.oneLine(h, 120)));
        String row = "%-40s %10s %18s %12s %22s%n";
        out.printf(INDENT + row, "table", "size", "estimated bloat", "dead tuples", "measured (pgstattuple)");
        b.tables().stream().filter(t -> t.estimatedWastedBytes() > 0).limit(10).forEach(t -> out.printf(INDENT + row,
                Formats.oneLine(t.table().toString(), 40), size(t.sizeBytes()),
                size(t.estimatedWastedBytes()) + " (" + percent(t.estimatedWastedRatio()) + ")",
                t.deadTuples() == null ? "-" : Formats.count(t.deadTuples()),
                t.exact() == null ? "-" : size(t.exact().wastedBytes()) + " ("
                        + percent(t.exact().wastedRatio()) + ")"));
        b.transactionIdAges().stream().max(java.util.Comparator.comparingLong(io.pgdeck.catalog.DatabaseXidAge::age))
                .ifPresent(d -> out.printf(INDENT + "oldest transaction ID: %s, age %s (%s of autovacuum_freeze_max_age)%n",
                        d.database(), Formats.count(d.age()), percent(d.freezeMaxAgeRatio())));
    }

    private static void partitions(List<PartitionSetSection> sets, PrintWriter out) {
        out.println("partitions   " + (sets.isEmpty() ? "none" : sets.size() + " partitioned table(s)"));
        for (PartitionSetSection p : sets) {
            out.println(INDENT + p.name() + ": " + p.strategy() + ", " + p.partitions() + " partitions, "
                    + size(p.sizeBytes())
                    + (p.interval() == null ? "" : ", by " + p.interval() + ", covered until " + p.coveredUntil()
                    + (Boolean.TRUE.equals(p.shortAhead()) ? " (less than one " + p.interval() + " ahead)" : ""))
                    + (p.gaps().isEmpty() ? "" : ", gaps " + String.join(", ", p.gaps()))
                    + (p.defaultRows() == null || p.defaultRows() < 0 ? "" : ", DEFAULT holds "
                    + (p.defaultRowsNote() == null ? "" : "≈ ") + Formats.count(p.defaultRows()) + " rows")
                    + (p.defaultRowsNote() == null ? "" : " (DEFAULT " + p.defaultRowsNote() + ")"));
        }
    }

    private static void connections(ConnectionsSection c, PrintWriter out) {
        out.printf("connections  %d of %d max_connections: %s%n", c.total(), c.maxConnections(),
                counts(c.byState()));
        out.println(INDENT + "by application: " + counts(c.byApplication()));
        out.println(INDENT + "by user: " + counts(c.byUser()));
        out.println(INDENT + "by client: " + counts(c.byClient()));
        if (c.coverage() != null) {
            out.println(INDENT + c.coverage());
        }
        IdleTransaction idle = c.oldestIdleInTransaction();
        out.println(INDENT + "oldest idle in transaction: " + (idle == null ? "none" : String.format(Locale.ROOT,
                "pid %d (%s, %s) idle %s, transaction open %s", idle.pid(), idle.user(), idle.application(),
                Formats.seconds(idle.idleSeconds()), Formats.seconds(idle.transactionAgeSeconds()))));
    }

    private static void databases(List<DatabaseSection> databases, PrintWriter out) {
        String row = "%-20s %10s %10s %10s %10s %10s %12s %10s%n";
        out.printf("databases    " + row, "name", "size", "cache hit", "commits", "rollbacks", "reads",
                "temp written", "deadlocks");
        for (DatabaseSection d : databases) {
            DatabaseRates r = d.rates();
            out.printf(INDENT + row, Formats.oneLine(d.name(), 20), size(d.sizeBytes()),
                    percent(d.cacheHitRatio()), rate(r == null ? null : r.commitsPerSecond()),
                    rate(r == null ? null : r.rollbacksPerSecond()),
                    rate(r == null ? null : r.blocksReadPerSecond()),
                    r == null || r.tempBytesPerSecond() == null ? "-"
                            : size(Math.round(r.tempBytesPerSecond())) + "/s", Formats.count(d.deadlocks()));
        }
    }

    private static void longRunning(LongRunningSection section, PrintWriter out) {
        out.print("long-running ");
        String coverage = section.coverage() == null ? "" : " (of sessions this role sees)";
        if (section.queries().isEmpty()) {
            out.println("none over " + Formats.seconds(section.overSeconds()) + coverage);
            return;
        }
        out.println(section.queries().size() + " over " + Formats.seconds(section.overSeconds()) + coverage);
        for (LongRunningQuery q : section.queries()) {
            out.printf(INDENT + "pid %d (%s, %s) %s%s: %s%n", q.pid(), q.user(), q.application(),
                    Formats.seconds(q.ageSeconds()),
                    q.waitEventType() == null ? "" : ", waiting " + q.waitEventType() + "/" + q.waitEvent(),
                    Formats.oneLine(q.query(), 80));
        }
    }

    private static void statements(StatementsSection section, PrintWriter out) {
        out.print("statements   ");
        if (!section.available()) {
            out.println("unavailable: " + section.hint());
            return;
        }
        out.println("top " + section.sinceReset().size() + " by total time since "
                + (section.statisticsSince() == null ? "the statistics began" : "the last reset, " + section.statisticsSince()));
        if (!section.hint().isEmpty()) {
            out.println(INDENT + section.hint());
        }
        section.sinceReset().forEach(e -> statement(e, true, out));
        if (section.windowSeconds() != null) {
            out.println(INDENT + "top " + section.top().size() + " by total time in the last "
                    + Formats.seconds(section.windowSeconds()));
            section.top().forEach(e -> statement(e, false, out));
        }
        if (section.ownHidden() > 0) {
            out.println(INDENT + section.ownHidden() + " of pgdeck's own statements left out (--include-own lists them)");
        }
    }

    /** @param totals the calls made, rather than their rate over the interval */
    private static void statement(StatementEntry e, boolean totals, PrintWriter out) {
        out.printf(Locale.ROOT, INDENT + "%10.1f ms %9s calls  mean %9s ms  %s: %s%n", e.totalMillis(),
                totals ? Formats.count(Math.round(e.calls())) : rate(e.callsPerSecond()),
                e.meanMillis() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.meanMillis()),
                e.database(), Formats.oneLine(e.query(), 70));
    }

    private static void indexes(IndexesSection x, PrintWriter out) {
        long unusedBytes = x.unused().stream().mapToLong(i -> i.sizeBytes() == null ? 0 : i.sizeBytes()).sum();
        out.printf("indexes      %d: %d unused (%s), %d duplicate, %d redundant, %d invalid, counters over %s%n",
                x.indexes(), x.unused().size(), size(unusedBytes), x.duplicate().size(),
                x.redundant().size(), x.invalid().size(),
                x.statsWindowSeconds() == null ? "unknown time" : Formats.seconds(x.statsWindowSeconds()));
        x.invalid().forEach(i -> out.println(INDENT + "invalid: " + i.schema() + "." + i.index()));
        x.duplicate().forEach(i -> out.println(INDENT + "duplicate: " + i.schema() + "." + i.index()));
        x.missingIndexHints().forEach(h -> out.println(INDENT + "missing index? " + h.schema() + "." + h.table()
                + ": " + h.reason()));
    }

    private static void blocking(BlockingEntry b, int depth, PrintWriter out) {
        out.printf("%s%spid %d (%s, %s) %s %s%s: %s%n", INDENT, depth == 0 ? "" : "  ".repeat(depth - 1) + "└ ",
                b.pid(), b.user(), b.application(), b.state(), Formats.seconds(b.queryAgeSeconds()),
                depth == 0 ? ", blocks " + b.totalWaiters() : "", Formats.oneLine(b.query(), 70));
        b.waiters().forEach(w -> blocking(w, depth + 1, out));
    }

    private static void pgbouncer(PgBouncerSection b, PrintWriter out) {
        if (b.unavailable() != null) {
            out.println("pgbouncer    " + b.unavailable());
            return;
        }
        out.printf("pgbouncer    %s at %s: %d of %d max_client_conn, %s%n", b.version(), b.console(), b.clients(),
                b.maxClientConn(), String.join(", ", b.config().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        String row = "%-30s %-12s %8s %8s %8s %8s %8s %9s%n";
        out.printf(INDENT + row, "pool", "mode", "cl_act", "cl_wait", "sv_act", "sv_idle", "size", "maxwait");
        for (PgBouncerSection.Pool p : b.pools()) {
            out.printf(Locale.ROOT, INDENT + row, Formats.oneLine(p.database() + "/" + p.user(), 30), p.poolMode(),
                    p.clientsActive(), p.clientsWaiting(), p.serversActive(), p.serversIdle(), p.poolSize(),
                    Formats.seconds(p.maxWaitSeconds()));
        }
        for (PgBouncerSection.Traffic t : b.traffic()) {
            out.printf(Locale.ROOT, INDENT + "%s: queries %s, transactions %s, avg query %s ms, transaction %s ms,"
                            + " wait %s ms%s%n", t.database(), rate(t.queriesPerSecond()),
                    rate(t.transactionsPerSecond()), millis(t.avgQueryMillis()),
                    millis(t.avgTransactionMillis()), millis(t.avgWaitMillis()),
                    t.intervalSeconds() == null ? " (averages since start)" : "");
        }
        b.warnings().forEach(w -> out.println(INDENT + "warning: " + w));
    }

    /** A figure the snapshot does not have (no earlier read, no privilege) is a dash in its column. */
    private static String size(Long bytes) {
        return bytes == null ? "-" : Formats.bytes(bytes);
    }

    private static String percent(Double ratio) {
        return ratio == null ? "-" : Formats.percent(ratio);
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? "-" : Formats.rate(perSecond);
    }

    /** "active 2, idle 5", largest first. */
    private static String counts(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String millis(Double ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.2f", ms);
    }

    private static void replication(ReplicationSection r, PrintWriter out) {
        String rate = r.walBytesPerSecond() == null ? ""
                : ", WAL " + Formats.bytes(Math.round(r.walBytesPerSecond())) + "/s";
        if ("standby".equals(r.role())) {
            ReplicationSection.Receiver w = r.receiver();
            out.println("replication  standby" + rate + ", receiver " + (w == null ? "not running"
                    : w.status() + " from " + w.senderHost() + ":" + w.senderPort()
                    + (w.slotName() == null ? "" : " through slot " + w.slotName())));
            out.println(INDENT + "replay: " + r.lag().description() + "; recovery conflicts: " + r.recoveryConflicts());
        } else {
            out.println("replication  primary" + rate + ", " + (r.standbys().isEmpty() ? "no standby connected"
                    : r.standbys().size() + " standby(s)"));
            for (ReplicationSection.Standby s : r.standbys()) {
                out.printf(Locale.ROOT, INDENT + "%s (%s) %s, %s: replay lag %s, %s behind%n", s.applicationName(),
                        s.clientAddress(), s.state(), s.syncState(),
                        s.replayLagSeconds() == null ? "none" : Formats.seconds(s.replayLagSeconds()),
                        size(s.replayLagBytes()));
            }
        }
        for (ReplicationSection.Slot s : r.slots()) {
            out.printf(INDENT + "slot %s (%s) %s, %s, retains %s%s%n", s.name(), s.type(),
                    s.active() ? "active" : "inactive", s.walStatus(), size(s.retainedBytes()),
                    s.invalidationReason() == null ? "" : ", invalidated: " + s.invalidationReason());
        }
        ReplicationSection.Archiver a = r.archiver();
        out.println(INDENT + "archiving: " + (!a.archiveMode() ? "off" : a.archivedCount() + " archived, "
                + a.failedCount() + " failed" + (a.failingSinceLastSuccess() ? ", FAILING since " + a.lastFailedAt() : "")));
    }

    private static void queues(QueuesSection q, PrintWriter out) {
        out.println("queues       " + (q.queues().isEmpty() ? (q.installations().isEmpty() ? "none found"
                : "none readable in " + String.join(", ", q.installations())) : q.queues().size() + " in "
                + String.join(", ", q.installations())));
        for (QueueEntry e : q.queues()) {
            out.printf(Locale.ROOT, "%s%s (%s) / %s: %d waiting, %d running, %d failed, oldest waits %s, %s done/min%s%s%n",
                    INDENT, e.library(), e.schema(), e.queue(), e.waiting(), e.depth().getOrDefault("running", 0L),
                    e.failed(), e.oldestWaitingSeconds() == null ? "unknown" : Formats.seconds(e.oldestWaitingSeconds()),
                    e.donePerMinute() == null ? "?" : String.format(Locale.ROOT, "%.1f", e.donePerMinute()),
                    e.stuck() == null ? ", stuck unknown" : e.stuck() > 0 ? ", " + e.stuck() + " stuck" : "", e.estimated().isEmpty() ? "" : " (≈ " + e.estimated() + ")");
        }
        q.problems().forEach(p -> out.println(INDENT + p));
    }
}
