package io.pgdeck.demo;

import java.time.Duration;

/**
 * How long the demo took to come up, by step. {@code installed} is false when a kept data
 * directory already held the demo database and only the server had to start.
 */
public record DemoStartup(Duration server, Duration schema, Duration seed, Duration situations, boolean installed) {

    public static DemoStartup reused(Duration server, Duration refresh) {
        return new DemoStartup(server, Duration.ZERO, refresh, Duration.ZERO, false);
    }

    public Duration total() {
        return server.plus(schema).plus(seed).plus(situations);
    }

    public DemoStartup withServer(Duration serverStart) {
        return new DemoStartup(serverStart, schema, seed, situations, installed);
    }

    @Override
    public String toString() {
        return "%d ms (server %d, schema %d, seed %d, situations %d)%s".formatted(total().toMillis(), server.toMillis(),
                schema.toMillis(), seed.toMillis(), situations.toMillis(), installed ? "" : ", existing database reused");
    }
}
