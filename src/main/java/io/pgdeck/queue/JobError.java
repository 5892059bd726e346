package io.pgdeck.queue;

import java.time.OffsetDateTime;

/**
 * One recorded failure of a job.
 *
 * @param attempt the attempt that failed, when the library records it; null otherwise
 * @param at when it failed, when recorded; null otherwise
 * @param message the error's message
 * @param trace the stack trace or further detail, null when none was recorded
 */
public record JobError(Integer attempt, OffsetDateTime at, String message, String trace) {}
