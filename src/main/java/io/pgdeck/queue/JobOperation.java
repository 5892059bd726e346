package io.pgdeck.queue;

/**
 * What a person does to jobs from the browser or the command line. Each library decides which of
 * its jobs an operation applies to; {@link QueueAdapter#eligible} counts them before it runs.
 */
public enum JobOperation {
    RETRY,
    CANCEL,
    /** On selected jobs, any job not running; on a filter (the purge), finished jobs only. */
    DELETE
}
