/**
 * Job queues kept in PostgreSQL tables: one {@link io.pgdeck.queue.QueueAdapter} per library
 * (River, Oban, pg-boss, Graphile Worker, the seed's job_queue, a user's own mapping, ...),
 * detected from the catalog by {@link io.pgdeck.queue.QueueLibraries}, read into records
 * ({@link io.pgdeck.queue.QueueDepth}, {@link io.pgdeck.queue.Job}) and acted on through
 * {@code io.pgdeck.action.Action}s. No JavaFX here.
 */
package io.pgdeck.queue;
