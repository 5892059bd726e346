package io.pgdeck.ui.connections;

import io.pgdeck.catalog.ConnectionBreakdown;
import java.util.Map;
import java.util.function.Function;

/** The ways the connections table can be grouped. */
public enum GroupBy {
    STATE("state", ConnectionBreakdown::byState),
    APPLICATION("application", ConnectionBreakdown::byApplication),
    USER("user", ConnectionBreakdown::byUser),
    CLIENT("client", ConnectionBreakdown::byClient);

    private final String label;
    private final Function<ConnectionBreakdown, Map<String, Integer>> counts;

    GroupBy(String label, Function<ConnectionBreakdown, Map<String, Integer>> counts) {
        this.label = label;
        this.counts = counts;
    }

    Map<String, Integer> counts(ConnectionBreakdown breakdown) {
        return counts.apply(breakdown);
    }

    @Override
    public String toString() {
        return label;
    }
}
