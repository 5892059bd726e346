package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.StatementStats;
import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.sample.StatementDeltas;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The heaviest statements by total execution time, from pg_stat_statements: since its statistics
 * began (its totals, so a slow query that ran a minute ago is there), and over the snapshot's
 * interval (two reads, as for the database rates). pgdeck's own monitoring statements are left out
 * unless asked for, and counted.
 *
 * @param available false when pg_stat_statements is missing or unreadable; {@code hint} says why
 * @param windowSeconds the interval {@code top} covers; null when the interval is zero and
 *     {@code top} holds the totals since the statistics began, as {@code sinceReset} does
 * @param sinceReset the totals since the statistics began, heaviest first
 * @param statisticsSince when pg_stat_statements was last reset as a whole (PG14+; null before,
 *     where each entry counts from its own creation, unknown)
 * @param hiddenStatements entries of other roles the role may not see, left out of {@code top};
 *     {@code hint} then says which grant shows them
 * @param ownHidden pgdeck's own statements left out of both lists (0 with --include-own)
 */
public record StatementsSection(boolean available, String hint, Double windowSeconds, List<StatementEntry> top,
                                List<StatementEntry> sinceReset, OffsetDateTime statisticsSince,
                                long hiddenStatements, long ownHidden) {

    static final int TOP = 20;

    static StatementsSection unavailable(String hint) {
        return new StatementsSection(false, hint, null, List.of(), List.of(), null, 0, 0);
    }

    /**
     * @param before the first read, or null for the totals alone
     * @param includeOwn lists pgdeck's own statements too
     */
    static StatementsSection of(StatementsRead before, StatementsRead after, boolean includeOwn) {
        StatementDeltas deltas = new StatementDeltas();
        Predicate<StatementRates> shown = r -> includeOwn || !r.statement().own();
        Double seconds = null;
        if (before != null) {
            deltas.add(before);
            seconds = Figures.seconds(Duration.between(before.readAt(), after.readAt()));
        }
        deltas.add(after);
        List<StatementEntry> sinceReset = heaviest(deltas.rates(StatementWindow.SINCE_RESET), shown);
        List<StatementEntry> top = before == null ? sinceReset
                : heaviest(deltas.rates(Duration.between(before.readAt(), after.readAt())).stream()
                        .filter(r -> r.calls() > 0).toList(), shown);
        long own = includeOwn ? 0 : after.statements().stream().filter(StatementStats::own).count();
        return new StatementsSection(true, after.hiddenNote().orElse(""), seconds, top, sinceReset,
                after.statsReset(), after.hiddenStatements(), own);
    }

    private static List<StatementEntry> heaviest(List<StatementRates> rates, Predicate<StatementRates> shown) {
        return rates.stream().filter(shown)
                .sorted(Comparator.comparingDouble(StatementRates::totalMillis).reversed())
                .limit(TOP)
                .map(StatementEntry::of)
                .toList();
    }
}
