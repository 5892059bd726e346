package io.pgdeck.action;

import io.pgdeck.catalog.Matview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When pgdeck last refreshed a matview and how long it took, read back from the audit log. */
public final class MatviewRefreshHistory {

    /** @param alone false when the view was refreshed as one of "refresh all", whose time is the whole run's */
    public record LastRefresh(Instant at, Duration took, String outcome, boolean alone) {}

    private final List<AuditLog.Entry> entries;

    public MatviewRefreshHistory(List<AuditLog.Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public Optional<LastRefresh> last(String target, Matview m) {
        String concurrent = RefreshMatviewAction.statement(withIndex(m, true)) + ";";
        String plain = RefreshMatviewAction.statement(withIndex(m, false)) + ";";
        for (int i = entries.size() - 1; i >= 0; i--) {
            AuditLog.Entry e = entries.get(i);
            if (target.equals(e.target()) && e.sql() != null && (e.sql().contains(concurrent) || e.sql().contains(plain))) {
                return Optional.of(new LastRefresh(e.at(), Duration.ofMillis(e.durationMillis()), e.outcome(),
                        !e.title().startsWith(RefreshAllMatviewsAction.TITLE)));
            }
        }
        return Optional.empty();
    }

    private static Matview withIndex(Matview m, boolean unique) {
        return new Matview(m.schema(), m.name(), true, 0, 0, unique ? "any" : null, List.of());
    }
}
