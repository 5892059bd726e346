package io.pgdeck.queue;

import org.jooq.Condition;

/**
 * One of a library's states as a condition on its job table. A library state may appear twice
 * with different shared states: the seed's "pending" is WAITING once its run time has come and
 * SCHEDULED before; its "failed" is RETRYABLE below the retry limit and DEAD at it.
 */
public record JobState(String libraryState, SharedState shared, Condition condition) {}
