package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.ConnectionBreakdown;
import java.util.Map;

/**
 * Client connections, as the Connections screen counts them, against the server's limit.
 *
 * @param detailsHidden sessions of other roles counted in {@code total} without state or query
 * @param coverage      what the figures leave out and the grant that shows it, null when nothing
 */
public record ConnectionsSection(
        int total,
        int maxConnections,
        Map<String, Integer> byState,
        Map<String, Integer> byApplication,
        Map<String, Integer> byUser,
        Map<String, Integer> byClient,
        IdleTransaction oldestIdleInTransaction,
        int detailsHidden,
        String coverage) {

    static ConnectionsSection of(ConnectionBreakdown c, int maxConnections) {
        return new ConnectionsSection(c.total(), maxConnections, c.byState(), c.byApplication(), c.byUser(),
                c.byClient(), c.oldestIdleInTransaction().map(IdleTransaction::of).orElse(null),
                c.detailsHidden(), c.hiddenNote().orElse(null));
    }
}
