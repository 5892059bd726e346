package io.pgdeck.cli;

import io.pgdeck.catalog.ConnectionBreakdown;
import java.util.Map;

/** Client connections, as the Connections screen counts them, against the server's limit. */
public record ConnectionsSection(
        int total,
        int maxConnections,
        Map<String, Integer> byState,
        Map<String, Integer> byApplication,
        Map<String, Integer> byUser,
        Map<String, Integer> byClient,
        IdleTransaction oldestIdleInTransaction) {

    static ConnectionsSection of(ConnectionBreakdown c, int maxConnections) {
        return new ConnectionsSection(c.total(), maxConnections, c.byState(), c.byApplication(), c.byUser(),
                c.byClient(), c.oldestIdleInTransaction().map(IdleTransaction::of).orElse(null));
    }
}
