package io.pgdeck.cli.snapshot;

import io.pgdeck.queue.QueueReading;
import java.util.List;

/**
 * The job queues found in the database: per installation and queue, depth by state, oldest
 * waiting age, throughput, stuck and failed jobs.
 *
 * @param installations what was found ("River (public)")
 * @param problems installations that could not be read, one sentence each
 */
public record QueuesSection(List<String> installations, List<QueueEntry> queues, List<String> problems) {

    public static QueuesSection of(QueueReading reading) {
        return new QueuesSection(reading.installations(), reading.queues().stream().map(QueueEntry::of).toList(),
                reading.problems());
    }
}
