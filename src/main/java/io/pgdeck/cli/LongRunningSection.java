package io.pgdeck.cli;

import io.pgdeck.catalog.Backend;
import java.time.Duration;
import java.util.List;

/** Active client queries running longer than {@code overSeconds}, oldest first. */
public record LongRunningSection(double overSeconds, List<LongRunningQuery> queries) {

    static LongRunningSection of(List<Backend> backends, Duration over) {
        return new LongRunningSection(Figures.seconds(over), LongRunningQuery.of(backends, over));
    }
}
