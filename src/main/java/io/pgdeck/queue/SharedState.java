package io.pgdeck.queue;

/**
 * The states every queue library's own states map onto, so one screen can compare River with
 * Oban with a home-grown table. Each adapter keeps its library's names beside these.
 */
public enum SharedState {
    /** Ready to run now. */
    WAITING,
    /** Waiting for its run time (delayed, snoozed, backing off before a first run). */
    SCHEDULED,
    /** Taken by a worker. */
    RUNNING,
    /** Failed, will be tried again by the library itself. */
    RETRYABLE,
    /** Failed for good: attempts exhausted or discarded; only a person retries it. */
    DEAD,
    /** Finished successfully. */
    DONE,
    /** Cancelled by someone before it finished. */
    CANCELLED;

    /** Counted in a queue's backlog: not yet run to an end. */
    public boolean pending() {
        return this == WAITING || this == SCHEDULED || this == RETRYABLE;
    }

    /** Reached an end the library will not move it from by itself. */
    public boolean finished() {
        return this == DEAD || this == DONE || this == CANCELLED;
    }
}
