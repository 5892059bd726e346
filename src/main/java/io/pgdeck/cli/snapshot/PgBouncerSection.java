package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.BouncerPool;
import io.pgdeck.catalog.BouncerStats;
import io.pgdeck.catalog.PgBouncerRead;
import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.PgBouncerWarning;
import io.pgdeck.sample.BouncerRates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PgBouncer's pools as its admin console reports them: per pool clients and servers, per database
 * the traffic over the snapshot's interval (or the totals without one), the settings that size
 * the pools, and the warnings.
 *
 * @param unavailable why nothing was read (the console refused pgdeck's user...), else null
 */
public record PgBouncerSection(String console, String version, String unavailable, int clients,
                               int maxClientConn, Map<String, String> config, List<Pool> pools,
                               List<Traffic> traffic, List<String> warnings) {

    /** The settings that decide how many connections wait and how long. */
    static final List<String> ESSENTIALS = List.of("pool_mode", "default_pool_size", "min_pool_size",
            "reserve_pool_size", "reserve_pool_timeout", "max_client_conn", "max_db_connections",
            "max_user_connections", "query_wait_timeout", "server_idle_timeout", "server_lifetime");

    public record Pool(String database, String user, String poolMode, int clientsActive, int clientsWaiting,
                       int serversActive, int serversIdle, int serversUsed, int serversTested, int serversLogin,
                       int poolSize, double maxWaitSeconds) {}

    /**
     * @param intervalSeconds the interval the rates and averages are taken over; null for totals since start
     */
    public record Traffic(String database, Double intervalSeconds, long totalQueries, long totalTransactions,
                          Double queriesPerSecond, Double transactionsPerSecond, Double avgQueryMillis,
                          Double avgTransactionMillis, Double avgWaitMillis) {}

    static PgBouncerSection unavailable(String console, String why) {
        return new PgBouncerSection(console, null, why, 0, 0, Map.of(), List.of(), List.of(), List.of());
    }

    /** @param before the counters at the start of the interval, or null for totals only */
    static PgBouncerSection of(PgBouncerReading reading, List<BouncerStats> before, Instant beforeAt,
                               PgBouncerThresholds limits) {
        if (!reading.available()) {
            return unavailable(reading.console(), reading.unavailable());
        }
        PgBouncerRead read = reading.read();
        Map<String, String> config = new LinkedHashMap<>();
        ESSENTIALS.forEach(k -> read.setting(k).ifPresent(v -> config.put(k, v)));
        return new PgBouncerSection(reading.console(), read.version(), null, read.totalClients(), read.maxClientConn(),
                config, read.pools().stream().map(p -> pool(p, read)).toList(),
                read.stats().stream().map(s -> traffic(s, before, beforeAt, read)).toList(),
                PgBouncerWarning.of(read, limits).stream().map(PgBouncerWarning::sentence).toList());
    }

    private static Pool pool(BouncerPool p, PgBouncerRead read) {
        return new Pool(p.database(), p.user(), p.poolMode(), p.clientsActive(), p.clientsWaiting(), p.serversActive(),
                p.serversIdle(), p.serversUsed(), p.serversTested(), p.serversLogin(), read.poolSize(p.database()),
                p.maxWait().toNanos() / 1e9);
    }

    private static Traffic traffic(BouncerStats now, List<BouncerStats> before, Instant beforeAt, PgBouncerRead read) {
        BouncerStats then = before == null ? null
                : before.stream().filter(s -> s.database().equals(now.database())).findFirst().orElse(null);
        if (then == null) {
            return new Traffic(now.database(), null, now.queries(), now.transactions(), null, null,
                    average(now.queryMicros(), now.queries()), average(now.transactionMicros(), now.transactions()),
                    average(now.waitMicros(), now.assignments()));
        }
        BouncerRates r = BouncerRates.of(then, beforeAt, now, read.readAt());
        return new Traffic(now.database(), Figures.seconds(java.time.Duration.between(beforeAt, read.readAt())),
                now.queries(), now.transactions(), Figures.finite(r.queriesPerSecond()),
                Figures.finite(r.transactionsPerSecond()), millis(r.avgQueryMicros()),
                millis(r.avgTransactionMicros()), millis(r.avgWaitMicros()));
    }

    private static Double average(long micros, long count) {
        return count == 0 ? null : micros / 1000.0 / count;
    }

    private static Double millis(double micros) {
        return Figures.finite(micros / 1000.0);
    }
}
