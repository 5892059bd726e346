package io.pgdeck.cli.check;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.ReplicationReader;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.cli.Cli;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.cli.DurationConverter;
import io.pgdeck.cli.PgBouncerOption;
import io.pgdeck.cli.QueueSettingsOption;
import io.pgdeck.cli.snapshot.QueuesSection;
import io.pgdeck.cli.snapshot.ReplicationSection;
import io.pgdeck.cli.snapshot.SnapshotTaker;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.QueueMonitor;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", sortOptions = false,
        description = "A short health report, one line per check, OK or WARN with its figure."
                + " Exits 1 when any check warns, for cron jobs and monitoring scripts.")
public final class CheckCommand implements Callable<Integer> {

    private final ProfileResolver resolver;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--connections-pct", paramLabel = "PERCENT", defaultValue = "80",
            description = "Warn when client connections exceed this share of max_connections. Default: ${DEFAULT-VALUE}.")
    double connectionsPercent;

    @Option(names = "--idle-in-transaction", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Warn when a session is idle in transaction for longer. Default: ${DEFAULT-VALUE}.")
    Duration idleInTransaction;

    @Option(names = "--cache-hit-pct", paramLabel = "PERCENT", defaultValue = "99",
            description = "Warn when the database's cache hit ratio is below this. Default: ${DEFAULT-VALUE}.")
    double cacheHitPercent;

    @Option(names = "--cache-min-blocks", paramLabel = "N", defaultValue = "1000",
            description = "Judge the cache hit ratio only after this many block reads. Default: ${DEFAULT-VALUE}.")
    long cacheMinBlocks;

    @Option(names = "--wraparound-pct", paramLabel = "PERCENT", defaultValue = "90",
            description = "Warn when a database's oldest transaction ID is past this share of autovacuum_freeze_max_age."
                    + " Default: ${DEFAULT-VALUE}.")
    double wraparoundPercent;

    @Option(names = "--bloat-pct", paramLabel = "PERCENT", defaultValue = "50",
            description = "Warn when a table's or btree index's estimated bloat exceeds this share. Default: ${DEFAULT-VALUE}.")
    double bloatPercent;

    @Option(names = "--bloat-min-mb", paramLabel = "MB", defaultValue = "10",
            description = "Judge bloat only of relations at least this large. Default: ${DEFAULT-VALUE}.")
    long bloatMinMegabytes;
    @Option(names = "--queue-waiting", paramLabel = "N", defaultValue = "1000",
            description = "Warn when a job queue has more jobs ready and waiting. Default: ${DEFAULT-VALUE}.")
    long queueWaiting;

    @Option(names = "--queue-age", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Warn when a queue's oldest ready job has waited longer. Default: ${DEFAULT-VALUE}.")
    Duration queueAge;

    @Mixin
    QueueSettingsOption queueSettings;

    @Option(names = "--queue-failure-pct", paramLabel = "PERCENT", defaultValue = "10",
            description = "Warn when more of a queue's attempts fail in the last five minutes. Default: ${DEFAULT-VALUE}.")
    double queueFailurePercent;

    @Mixin
    PgBouncerOption pgbouncer;

    @Option(names = "--pgbouncer-maxwait", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Warn when a PgBouncer pool's oldest client has waited longer for a server. Default: ${DEFAULT-VALUE}.")
    Duration pgbouncerMaxWait;

    @Option(names = "--pgbouncer-pool-pct", paramLabel = "PERCENT", defaultValue = "100",
            description = "Warn when a PgBouncer pool holds this share of its pool_size in server connections."
                    + " Default: ${DEFAULT-VALUE}.")
    double pgbouncerPoolPercent;

    @Option(names = "--pgbouncer-clients-pct", paramLabel = "PERCENT", defaultValue = "80",
            description = "Warn when PgBouncer's client connections reach this share of max_client_conn. Default: ${DEFAULT-VALUE}.")
    double pgbouncerClientsPercent;

    @Option(names = "--replication-lag", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "Warn when a standby's replay lags longer. Default: ${DEFAULT-VALUE}.")
    Duration replicationLag;

    @Option(names = "--replication-lag-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Warn when a standby has more WAL not replayed. Default: ${DEFAULT-VALUE}.")
    long replicationLagMegabytes;

    @Option(names = "--slot-retained-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Warn when an inactive replication slot retains more WAL. Default: ${DEFAULT-VALUE}.")
    long slotRetainedMegabytes;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    public CheckCommand(ProfileResolver resolver) {
        this.resolver = resolver;
    }

    private PgBouncerReading readPgBouncer(Target target) {
        try (PgBouncerSource source = pgbouncer.source(target, resolver)) {
            return source.read();
        } catch (SQLException e) {
            return PgBouncerReading.unavailable(null, Problems.describe(e));
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<HealthCheck> checks = new java.util.ArrayList<>();
        try (Target target = connection.open(resolver, spec.commandLine().getErr())) {
            ServerReader server = new ServerReader(target);
            ServerInfo info = server.info();
            Optional<DatabaseStats> database = server.databaseStats().stream()
                    .filter(d -> d.database().equals(info.database())).findFirst();
            checks.addAll(HealthChecks.run(info, new ActivityReader(target).backends(), database,
                    SnapshotTaker.indexReview(target).flagged(IndexFlag.INVALID),
                    new CheckThresholds(connectionsPercent, idleInTransaction, cacheHitPercent, cacheMinBlocks)));
            VacuumReader vacuum = new VacuumReader(target);
            checks.addAll(MaintenanceChecks.run(vacuum.databases(vacuum.settings()), new BloatReader(target).estimates(),
                    new MaintenanceThresholds(wraparoundPercent, bloatPercent, bloatMinMegabytes << 20)));
            checks.add(HealthChecks.partitions(new PartitionReader(target).sets(),
                    java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)));
            QueuesSection queues = QueuesSection.of(new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list,
                    queueSettings.settings(), SnapshotTaker.QUEUE_WINDOW).read());
            checks.addAll(HealthChecks.queues(queues, new QueueThresholds(queueWaiting, queueAge, queueFailurePercent)));
            checks.addAll(HealthChecks.pgbouncer(readPgBouncer(target),
                    new PgBouncerThresholds(pgbouncerMaxWait, pgbouncerPoolPercent, pgbouncerClientsPercent)));
            checks.addAll(ReplicationChecks.run(ReplicationSection.of(null, new ReplicationReader(target).status()),
                    new ReplicationThresholds(replicationLag, replicationLagMegabytes << 20, slotRetainedMegabytes << 20)));
        }
        checks.forEach(c -> out.println(c.line()));
        out.flush();
        return checks.stream().anyMatch(HealthCheck::warns) ? Cli.EXIT_WARN : Cli.EXIT_OK;
    }
}
