package io.pgdeck.queue.bullmq;

/**
 * The keys of one BullMQ queue: {@code <prefix>:<name>:<type>} (BullMQ's QueueKeys.toKey) and
 * a job's hash at {@code <prefix>:<name>:<id>}.
 */
record BullMqQueue(String prefix, String name) {

    String key(String type) {
        return prefix + ":" + name + ":" + type;
    }

    String key(BullMqState state) {
        return key(state.key);
    }

    /** What BullMQ's scripts take as the queue's key prefix, queue.toKey(''). */
    String base() {
        return key("");
    }

    String job(String id) {
        return key(id);
    }
}
