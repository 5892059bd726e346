package io.pgdeck.cli;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BlockingTree;
import io.pgdeck.catalog.ConnectionBreakdown;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@link Snapshot} through the same readers the screens use. Rates need two reads of
 * the counters: the other sections are read in between, so the interval costs no extra time.
 */
final class SnapshotTaker {

    /** Throughput and failure rate of queues are taken over the last five minutes. */
    static final Duration QUEUE_WINDOW = Duration.ofMinutes(5);

    private final Target target;
    private final Duration interval;
    private final Duration longQuery;
    private final Clock clock;

    SnapshotTaker(Target target, Duration interval, Duration longQuery, Clock clock) {
        this.target = target;
        this.interval = interval;
        this.longQuery = longQuery;
        this.clock = clock;
    }

    Snapshot take() throws InterruptedException {
        ServerReader server = new ServerReader(target);
        List<DatabaseStats> before = server.databaseStats();
        Instant beforeAt = clock.instant();
        ServerInfo info = server.info();
        // one-shot, so the ~100 ms pg_database_size costs on a large catalog is acceptable here
        Map<String, Long> sizes = server.databaseSizes();
        List<Backend> backends = new ActivityReader(target).backends();
        List<DatabaseSection> databases;
        if (interval.isZero()) {
            databases = DatabaseSection.of(before, beforeAt, null, null, sizes);
        } else {
            waitUntil(beforeAt.plus(interval));
            List<DatabaseStats> after = server.databaseStats();
            databases = DatabaseSection.of(after, clock.instant(), before, beforeAt, sizes);
        }
        return new Snapshot(PgdeckVersion.version(), clock.instant(), target.profile().describe(),
                ServerSection.of(info),
                databases,
                ConnectionsSection.of(ConnectionBreakdown.of(backends), info.maxConnections()),
                LongRunningSection.of(backends, longQuery),
                BlockingEntry.of(BlockingTree.of(backends)),
                target.poolStats(),
                CapabilitiesSection.of(target.capabilities()),
                QueuesSection.of(new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list,
                        DepthSettings.DEFAULTS, QUEUE_WINDOW).read()));
    }

    private void waitUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(clock.instant(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
