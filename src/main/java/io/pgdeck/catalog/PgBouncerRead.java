package io.pgdeck.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One read of PgBouncer's admin console: every SHOW pgdeck uses, taken one after the other. */
public record PgBouncerRead(String version, PgBouncerVersion parsedVersion, Instant readAt,
                            List<BouncerPool> pools, List<BouncerStats> stats, List<BouncerSocket> clients,
                            List<BouncerSocket> servers, List<BouncerDatabase> databases, Map<String, String> config) {

    public PgBouncerRead {
        pools = List.copyOf(pools);
        stats = List.copyOf(stats);
        clients = List.copyOf(clients);
        servers = List.copyOf(servers);
        databases = List.copyOf(databases);
        config = Map.copyOf(config);
    }

    public int maxClientConn() {
        return configInt("max_client_conn");
    }

    public int defaultPoolSize() {
        return configInt("default_pool_size");
    }

    /** The pool_size a database's pools grow to: its own from SHOW DATABASES, else default_pool_size. */
    public int poolSize(String database) {
        return databases.stream().filter(d -> d.name().equals(database)).findFirst()
                .map(BouncerDatabase::poolSize).filter(n -> n > 0).orElse(defaultPoolSize());
    }

    /** Client connections of every pool, the admin console's included: what max_client_conn limits. */
    public int totalClients() {
        return clients.size();
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(config.get(key));
    }

    private int configInt(String key) {
        try {
            return Integer.parseInt(config.getOrDefault(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
