package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.connect.ServerVersion;
import java.time.Instant;

/** The snapshot's {@code server} section. {@code version} is the short form, e.g. 17.2. */
public record ServerSection(
        String version,
        int versionNum,
        String versionFull,
        Instant startedAt,
        long uptimeSeconds,
        int maxConnections,
        int superuserReservedConnections,
        boolean inRecovery,
        String database) {

    static ServerSection of(ServerInfo info) {
        return new ServerSection(new ServerVersion(info.versionNum()).toString(), info.versionNum(), info.version(),
                Figures.instant(info.startedAt()), info.uptime().toSeconds(), info.maxConnections(),
                info.superuserReservedConnections(), info.inRecovery(), info.database());
    }
}
