package io.pgdeck.cli.check;

/**
 * Where {@code pgdeck check} starts to warn about vacuum and bloat.
 *
 * @param wraparoundPercent share of autovacuum_freeze_max_age a database's oldest transaction ID may reach
 * @param bloatPercent      estimated bloat share of a table or btree index
 * @param bloatMinBytes     relations smaller than this are not judged: a few wasted pages mean nothing
 */
record MaintenanceThresholds(double wraparoundPercent, double bloatPercent, long bloatMinBytes) {}
