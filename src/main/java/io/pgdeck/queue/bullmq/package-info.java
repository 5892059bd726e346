/**
 * BullMQ's queues in Redis: {@link io.pgdeck.queue.bullmq.BullMqAdapter}, a
 * {@code QueueAdapter} read over Lettuce and named by the profile's Redis sources rather than
 * detected from a catalog. Its actions are pgdeck's own Lua scripts (resources beside these
 * classes), each doing what the BullMQ 5.81.5 script of its name does, run through the action
 * door's {@code Steps}. No JavaFX here.
 */
package io.pgdeck.queue.bullmq;
