package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.ConnectionBreakdown;
import java.time.Duration;
import java.util.List;

/**
 * Active client queries running longer than {@code overSeconds}, oldest first.
 *
 * @param coverage null, or that other roles' sessions are left out (their queries are hidden) and which grant shows them
 */
public record LongRunningSection(double overSeconds, List<LongRunningQuery> queries, String coverage) {

    static LongRunningSection of(List<Backend> backends, Duration over) {
        return new LongRunningSection(Figures.seconds(over), LongRunningQuery.of(backends, over),
                ConnectionBreakdown.of(backends).hiddenNote().orElse(null));
    }
}
