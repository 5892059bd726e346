package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.sample.StatementDeltas;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The heaviest statements by total execution time, from pg_stat_statements: over the snapshot's
 * interval (two reads, as for the database rates), or since the last reset when it is zero.
 *
 * @param available false when pg_stat_statements is missing or unreadable; {@code hint} says why
 * @param windowSeconds the interval the figures cover; null for since the last reset
 * @param hiddenStatements entries of other roles the role may not see, left out of {@code top};
 *     {@code hint} then says which grant shows them
 */
public record StatementsSection(boolean available, String hint, Double windowSeconds, List<StatementEntry> top,
                                long hiddenStatements) {

    static final int TOP = 20;

    static StatementsSection unavailable(String hint) {
        return new StatementsSection(false, hint, null, List.of(), 0);
    }

    /** @param before the first read, or null for figures since the last reset */
    static StatementsSection of(StatementsRead before, StatementsRead after) {
        StatementDeltas deltas = new StatementDeltas();
        List<StatementRates> rates;
        Double seconds = null;
        if (before == null) {
            deltas.add(after);
            rates = deltas.rates(StatementWindow.SINCE_RESET);
        } else {
            deltas.add(before);
            deltas.add(after);
            Duration window = Duration.between(before.readAt(), after.readAt());
            seconds = Figures.seconds(window);
            rates = deltas.rates(window).stream().filter(r -> r.calls() > 0).toList();
        }
        return new StatementsSection(true, after.hiddenNote().orElse(""), seconds, rates.stream()
                .sorted(Comparator.comparingDouble(StatementRates::totalMillis).reversed())
                .limit(TOP)
                .map(StatementEntry::of)
                .toList(), after.hiddenStatements());
    }
}
