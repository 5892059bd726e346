package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/** Facts about the server that change rarely: version, start time, connection limits. */
public record ServerInfo(
        String version,
        int versionNum,
        OffsetDateTime startedAt,
        OffsetDateTime readAt,
        int maxConnections,
        int superuserReservedConnections,
        boolean inRecovery,
        String database) {

    public java.time.Duration uptime() {
        return java.time.Duration.between(startedAt, readAt);
    }
}
