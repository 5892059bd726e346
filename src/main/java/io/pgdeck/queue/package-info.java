/**
 * Job queues kept in PostgreSQL: one {@link io.pgdeck.queue.QueueAdapter} per library, detected
 * from the catalog by {@link io.pgdeck.queue.QueueLibraries}, read into records
 * ({@link io.pgdeck.queue.QueueDepth}, {@link io.pgdeck.queue.Job}) and acted on through
 * {@code io.pgdeck.action.Action}s. No JavaFX here.
 *
 * <p>One dialect for them all. A library that keeps its jobs in a table (River, Oban, pg-boss,
 * the seed's job_queue, Graphile Worker, Que, good_job, Solid Queue, Procrastinate, a user's own
 * mapping) extends {@link io.pgdeck.queue.JobTableAdapter} and describes its table: a
 * {@link io.pgdeck.queue.JobTable} (which rows are in which of its states, and what each means
 * as a {@link io.pgdeck.queue.SharedState}) and {@link io.pgdeck.queue.JobColumns} (what the
 * browser shows and the keyset it pages by). Depths, throughput, pages
 * ({@link io.pgdeck.queue.KeysetPager}) and counts are written once for all of them. Its retry
 * and cancel are {@link io.pgdeck.queue.JobChange}s that {@link io.pgdeck.queue.JobActions}
 * builds into actions; a library with a function of its own for a change supplies it as the
 * change's {@link io.pgdeck.queue.JobStatement}. pgmq, a table per queue, implements the
 * interface itself with the same pager and builder.
 *
 * <p>Adding a library is writing its adapter class and one line in {@code QueueLibraries};
 * nothing else names an adapter class or asks which one it holds (checked by
 * {@code QueueLibrariesTest}).
 */
package io.pgdeck.queue;
