package io.pgdeck.queue.bullmq;

import java.util.Optional;

/**
 * A BullMQ job as pgdeck names it, {@code <queue>:<id>}: one Redis holds many queues, and a
 * queue's name has no ':' (BullMQ's QueueBase refuses one), so the first ':' splits them.
 */
record JobRef(String queue, String id) {

    static Optional<JobRef> parse(String pgdeckId) {
        int colon = pgdeckId.indexOf(':');
        return colon <= 0 ? Optional.empty() : Optional.of(new JobRef(pgdeckId.substring(0, colon), pgdeckId.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return queue + ":" + id;
    }
}
