package io.pgdeck.cli.check;

import java.time.Duration;

/**
 * Where {@code pgdeck check} starts to warn about a job queue.
 *
 * @param waiting jobs ready to run and not taken (the seed's alert: 1,000 pending)
 * @param oldestWaiting how long the oldest ready job may wait
 * @param failurePercent share of attempts ending in failure in the last minutes
 */
record QueueThresholds(long waiting, Duration oldestWaiting, double failurePercent) {}
