package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Backend;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** An active client query running longer than the snapshot's threshold. */
public record LongRunningQuery(
        int pid,
        String user,
        String application,
        String database,
        String client,
        double ageSeconds,
        String waitEventType,
        String waitEvent,
        String query) {

    /** Active client queries older than {@code over}, oldest first. */
    static List<LongRunningQuery> of(List<Backend> backends, Duration over) {
        return backends.stream()
                .filter(b -> b.isClient() && b.isActive() && b.queryAge().compareTo(over) > 0)
                .sorted(Comparator.comparing(Backend::queryAge).reversed())
                .map(b -> new LongRunningQuery(b.pid(), b.user(), b.application(), b.database(), b.clientAddress(),
                        Figures.seconds(b.queryAge()), b.waitEventType(), b.waitEvent(), b.query()))
                .toList();
    }
}
