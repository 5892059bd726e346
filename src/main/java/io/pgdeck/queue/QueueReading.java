package io.pgdeck.queue;

import java.util.List;

/**
 * Every queue of every installation found, read at once.
 *
 * @param installations what was found, "River (public)"
 * @param problems one sentence per installation that could not be read, the others still shown
 */
public record QueueReading(List<String> installations, List<QueueStatus> queues, List<String> problems) {

    public QueueReading {
        installations = List.copyOf(installations);
        queues = List.copyOf(queues);
        problems = List.copyOf(problems);
    }
}
