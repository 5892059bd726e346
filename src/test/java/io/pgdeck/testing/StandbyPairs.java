package io.pgdeck.testing;

import java.util.EnumMap;
import java.util.Map;

/**
 * One primary and standby per PostgreSQL version for one test class, started on first use and
 * shared by its tests. Held in a static field; close it in {@code @AfterAll}.
 */
public final class StandbyPairs implements AutoCloseable {

    private final Map<TestPostgres, StandbyServer> pairs = new EnumMap<>(TestPostgres.class);

    public synchronized StandbyServer get(TestPostgres version) {
        return pairs.computeIfAbsent(version, StandbyServer::start);
    }

    @Override
    public synchronized void close() {
        pairs.values().forEach(StandbyServer::close);
        pairs.clear();
    }
}
