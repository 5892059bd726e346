package io.pgdeck.testing;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import java.sql.Connection;
import java.util.EnumMap;
import java.util.Map;

/**
 * One fresh database per server for one test class, made on first use and planted with the
 * class's schema, and a {@link Target} on it. Held in a static field; close it in {@code @AfterAll}.
 * Separate databases keep one class's planted sessions and tables out of another's assertions.
 */
public final class ClassDatabases implements AutoCloseable {

    private final String[] schema;
    private final Map<TestPostgres, ConnectionProfile> profiles = new EnumMap<>(TestPostgres.class);
    private final Map<TestPostgres, Target> targets = new EnumMap<>(TestPostgres.class);

    public ClassDatabases(String... schema) {
        this.schema = schema.clone();
    }

    public synchronized ConnectionProfile profile(TestPostgres pg) {
        return profiles.computeIfAbsent(pg, p -> {
            ConnectionProfile fresh = p.freshDatabase();
            if (schema.length > 0) {
                p.execute(fresh.database(), schema);
            }
            return fresh;
        });
    }

    public String name(TestPostgres pg) {
        return profile(pg).database();
    }

    public synchronized Target target(TestPostgres pg) {
        return targets.computeIfAbsent(pg, p -> p.openTarget(profile(p)));
    }

    /** A plain superuser connection to the class's database, for planting; the caller closes it. */
    public Connection connect(TestPostgres pg) {
        return pg.connect(name(pg));
    }

    @Override
    public synchronized void close() {
        targets.values().forEach(Target::close);
        targets.clear();
    }
}
