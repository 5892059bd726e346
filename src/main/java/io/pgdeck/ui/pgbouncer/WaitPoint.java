package io.pgdeck.ui.pgbouncer;

/**
 * One refresh for the charts, over every pool but the admin console's.
 *
 * @param longestWaitMillis how long the oldest waiting client of any pool had waited
 * @param avgWaitMillis average wait for a server connection since the previous refresh (NaN without one)
 */
public record WaitPoint(int waiting, double longestWaitMillis, double avgWaitMillis) {}
