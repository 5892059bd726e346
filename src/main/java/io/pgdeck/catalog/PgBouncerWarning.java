package io.pgdeck.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something about PgBouncer's pools a DBA should act on, in one sentence: clients waiting too long
 * for a server connection, a pool at its pool_size, client connections near max_client_conn.
 *
 * @param pool database/user of the pool, or null for the whole bouncer
 */
public record PgBouncerWarning(Kind kind, String pool, String sentence) {

    public enum Kind { CLIENTS_WAITING, POOL_FULL, CLIENT_CONNECTIONS }

    /** Every warning a read gives under {@code limits}, pools in the order PgBouncer lists them. */
    public static List<PgBouncerWarning> of(PgBouncerRead read, PgBouncerThresholds limits) {
        List<PgBouncerWarning> out = new ArrayList<>();
        for (BouncerPool p : read.pools()) {
            if (p.clientsWaiting() > 0 && p.maxWait().compareTo(limits.maxWait()) > 0) {
                out.add(new PgBouncerWarning(Kind.CLIENTS_WAITING, p.name(), String.format(Locale.ROOT,
                        "Pool %s: %d client(s) waiting for a server connection, the oldest for %.1f s (warn over %s s).",
                        p.name(), p.clientsWaiting(), p.maxWait().toNanos() / 1e9, number(limits.maxWait().toMillis() / 1000.0))));
            }
            int size = read.poolSize(p.database());
            if (size > 0 && !"pgbouncer".equals(p.database()) && 100.0 * p.servers() >= limits.poolPercent() * size) {
                out.add(new PgBouncerWarning(Kind.POOL_FULL, p.name(), String.format(Locale.ROOT,
                        "Pool %s holds %d of its pool_size of %d server connections%s.", p.name(), p.servers(), size,
                        p.clientsWaiting() > 0 ? " and " + p.clientsWaiting() + " client(s) wait" : "")));
            }
        }
        int max = read.maxClientConn();
        if (max > 0 && 100.0 * read.totalClients() >= limits.clientsPercent() * max) {
            out.add(new PgBouncerWarning(Kind.CLIENT_CONNECTIONS, null, String.format(Locale.ROOT,
                    "%d client connections of max_client_conn %d (%.0f%%, warn at %s%%).", read.totalClients(), max,
                    100.0 * read.totalClients() / max, number(limits.clientsPercent()))));
        }
        return out;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
