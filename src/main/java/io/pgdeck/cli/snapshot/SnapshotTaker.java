package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.BlockingTree;
import io.pgdeck.catalog.ConnectionBreakdown;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.IndexClassifier;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.ReplicationReader;
import io.pgdeck.catalog.ReplicationStatus;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.catalog.StatementsReader;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.cli.PgdeckVersion;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@link Snapshot} through the same readers the screens use. Rates need two reads of
 * the counters: the other sections are read in between, so the interval costs no extra time.
 */
public final class SnapshotTaker {

    /** Throughput and failure rate of queues are taken over the last five minutes. */
    public static final Duration QUEUE_WINDOW = Duration.ofMinutes(5);

    private final Target target;
    private final Duration interval;
    private final Duration longQuery;
    private final Clock clock;
    private PgBouncerSource pgbouncer;
    private DepthSettings queueSettings = DepthSettings.DEFAULTS;
    private boolean ownStatements;

    SnapshotTaker(Target target, Duration interval, Duration longQuery, Clock clock) {
        this.target = target;
        this.interval = interval;
        this.longQuery = longQuery;
        this.clock = clock;
    }

    /** Reports PgBouncer's pools too, read from {@code source} at both ends of the interval. */
    SnapshotTaker withPgBouncer(PgBouncerSource source) {
        this.pgbouncer = source;
        return this;
    }

    /** Reads queues with these settings (the seed job_queue's retry limit) rather than the defaults. */
    SnapshotTaker withQueueSettings(DepthSettings settings) {
        this.queueSettings = settings;
        return this;
    }

    /** Lists pgdeck's own monitoring statements too, which are left out by default. */
    SnapshotTaker withOwnStatements(boolean include) {
        this.ownStatements = include;
        return this;
    }

    Snapshot take() throws InterruptedException {
        ServerReader server = new ServerReader(target);
        ServerInfo info = server.info();
        // one-shot, so the ~100 ms pg_database_size costs on a large catalog is acceptable here
        Map<String, Long> sizes = server.databaseSizes();
        List<Backend> backends = new ActivityReader(target).backends();
        // The two statements reads bracket the interval and nothing else of pgdeck's runs inside
        // it, so its own catalog queries do not top the workload's statements.
        ReplicationReader replication = new ReplicationReader(target);
        ReplicationStatus replicationBefore = interval.isZero() ? null : replication.status();
        Statements statements = new Statements();
        StatementsRead statementsBefore = interval.isZero() ? null : statements.read();
        PgBouncerReading bouncerBefore = interval.isZero() ? null : bouncer();
        List<DatabaseStats> before = server.databaseStats();
        Instant beforeAt = clock.instant();
        List<DatabaseSection> databases;
        if (interval.isZero()) {
            databases = DatabaseSection.of(before, beforeAt, null, null, sizes);
        } else {
            waitUntil(beforeAt.plus(interval));
            List<DatabaseStats> after = server.databaseStats();
            databases = DatabaseSection.of(after, clock.instant(), before, beforeAt, sizes);
        }
        StatementsRead statementsAfter = statements.read();
        PgBouncerSection pgbouncerSection = pgbouncerSection(bouncerBefore);
        ReplicationStatus replicationAfter = replication.status();
        return new Snapshot(PgdeckVersion.version(), clock.instant(), target.profile().describe(),
                ServerSection.of(info),
                databases,
                ConnectionsSection.of(ConnectionBreakdown.of(backends), info.maxConnections()),
                LongRunningSection.of(backends, longQuery),
                BlockingEntry.of(BlockingTree.of(backends)),
                target.poolStats(),
                CapabilitiesSection.of(target.capabilities()),
                statements.section(statementsBefore, statementsAfter),
                bloat(),
                IndexesSection.of(indexReview(target)),
                PartitionSetSection.of(new PartitionReader(target).sets(), LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)),
                MatviewSection.of(new MatviewReader(target).matviews()),
                QueuesSection.of(new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list,
                        queueSettings, QUEUE_WINDOW).read()),
                ReplicationSection.of(replicationBefore, replicationAfter),
                pgbouncerSection);
    }

    private PgBouncerReading bouncer() {
        if (pgbouncer == null) {
            return null;
        }
        try {
            return pgbouncer.read();
        } catch (SQLException e) {
            return PgBouncerReading.unavailable(null, Problems.describe(e));
        }
    }

    /** Null when no console is configured or found; rates when the interval's first read worked. */
    private PgBouncerSection pgbouncerSection(PgBouncerReading before) {
        PgBouncerReading now = bouncer();
        if (now == null || now.nothingConfigured()) {
            return null;
        }
        boolean rates = before != null && before.available();
        return PgBouncerSection.of(now, rates ? before.read().stats() : null, rates ? before.read().readAt() : null,
                PgBouncerThresholds.defaults());
    }

    /** pg_stat_statements when it is there; a section saying what is missing when it is not. */
    private final class Statements {
        private final StatementsReader reader = new StatementsReader(target);
        private String problem = target.capabilities().hint(Capabilities.Feature.STATEMENTS).orElse(null);

        StatementsRead read() {
            if (problem != null) {
                return null;
            }
            try {
                return reader.top();
            } catch (RuntimeException e) {
                problem = Problems.describe(e);
                return null;
            }
        }

        StatementsSection section(StatementsRead before, StatementsRead after) {
            return problem != null ? StatementsSection.unavailable(problem)
                    : StatementsSection.of(before, after, ownStatements);
        }
    }

    /** Estimates of every relation, one-shot like the sizes; pgstattuple only for the few worst tables. */
    private BloatSection bloat() {
        BloatReader reader = new BloatReader(target);
        return BloatSection.of(reader, reader.estimates(), new VacuumReader(target).status());
    }

    public static io.pgdeck.catalog.IndexReview indexReview(Target target) {
        IndexReader indexes = new IndexReader(target);
        return IndexClassifier.review(indexes.definitions(), indexes.usage(), indexes.tableScans());
    }

    private void waitUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(clock.instant(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
