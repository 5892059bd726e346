package io.pgdeck.queue.bullmq;

import io.pgdeck.queue.SharedState;
import java.util.Arrays;
import java.util.List;

/**
 * A key of a BullMQ queue that holds job ids, named as BullMQ names it (its QueueKeys, and the
 * states Queue.getJobs takes), with its Redis type as BullMQ 5.81.5's scripts write it, and what
 * it means for pgdeck. Lists are pushed at the head (LPUSH) and taken from the tail by
 * moveToActive's RPOPLPUSH; the finished sets are scored by finishedOn.
 */
enum BullMqState {
    WAIT("wait", false, SharedState.WAITING),
    /** The wait list renamed by pause-7.lua while the queue is paused: still waiting. */
    PAUSED("paused", false, SharedState.WAITING),
    /** Since BullMQ 4.0.0 (42a890a, "add prioritized as a new state"); scored by priority, then insertion. */
    PRIORITIZED("prioritized", true, SharedState.WAITING),
    /** A parent waiting for its children (flows): not ready to run. */
    WAITING_CHILDREN("waiting-children", true, SharedState.SCHEDULED),
    /** Scored by the time it is due; a failed attempt with attempts left backs off here too. */
    DELAYED("delayed", true, SharedState.SCHEDULED),
    ACTIVE("active", false, SharedState.RUNNING),
    COMPLETED("completed", true, SharedState.DONE),
    /** Failed for good: attempts exhausted (a failure with attempts left goes to delayed or wait instead). */
    FAILED("failed", true, SharedState.DEAD);

    final String key;
    final boolean zset;
    final SharedState shared;

    BullMqState(String key, boolean zset, SharedState shared) {
        this.key = key;
        this.zset = zset;
        this.shared = shared;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(s -> s.key).toList();
    }

    boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
