package io.pgdeck.cli.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgdeck.connect.PoolStats;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@code pgdeck snapshot} reports, one component per section, in the order printed.
 * A later section (statements, indexes, queues...) is one more component here and one more
 * line in {@link SnapshotTaker}; JSON names each field after its component, in snake_case.
 * {@code pgbouncer} is left out when no PgBouncer console is configured or found.
 */
public record Snapshot(
        String pgdeckVersion,
        Instant takenAt,
        String target,
        ServerSection server,
        List<DatabaseSection> databases,
        ConnectionsSection connections,
        LongRunningSection longRunning,
        List<BlockingEntry> blocking,
        PoolStats pool,
        CapabilitiesSection capabilities,
        StatementsSection statements,
        BloatSection bloat,
        IndexesSection indexes,
        List<PartitionSetSection> partitions,
        List<MatviewSection> matviews,
        QueuesSection queues,
        ReplicationSection replication,
        @JsonInclude(JsonInclude.Include.NON_NULL) PgBouncerSection pgbouncer) {}
