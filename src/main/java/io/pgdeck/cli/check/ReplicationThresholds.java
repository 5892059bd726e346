package io.pgdeck.cli.check;

import java.time.Duration;

/**
 * Where {@code pgdeck check} starts to warn about replication.
 *
 * @param lag               replay lag of a standby (seed 004: "Alert when >10s")
 * @param lagBytes          WAL a standby has not replayed yet
 * @param slotRetainedBytes WAL an inactive slot may hold back before the disk is at risk
 */
record ReplicationThresholds(Duration lag, long lagBytes, long slotRetainedBytes) {}
