/**
 * The embedded demo: {@link io.pgdeck.demo.DemoDatabase} starts a PostgreSQL 17 of its own with
 * the seed-like schemas of {@code jooq-codegen/sql/}, seed rows and situations a DBA should find;
 * {@link io.pgdeck.demo.DemoWorkload} keeps it busy. No JavaFX here.
 *
 * <p>What the demo promises (and {@code DemoDatabaseTest} checks):
 * <ul>
 *   <li>an unused index, a duplicate index and an invalid index, a table bloated with autovacuum
 *       off: {@link io.pgdeck.demo.PlantedSituations};</li>
 *   <li>failed jobs (most out of retries), jobs stuck in {@code processing} for over 30 minutes,
 *       pending jobs past {@code expires_at}: {@code streamvibe.job_queue};</li>
 *   <li>monthly partitions that end before next month, a gap, a DEFAULT partition holding rows:
 *       {@link io.pgdeck.demo.DemoPartitions};</li>
 *   <li>with the workload: several applications and roles connected, jobs moving, slow and
 *       scanning statements, dead tuples, an idle-in-transaction session and a lock chain.</li>
 * </ul>
 */
package io.pgdeck.demo;
