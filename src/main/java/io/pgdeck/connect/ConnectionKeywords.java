package io.pgdeck.connect;

import java.util.Set;

/**
 * The libpq connection keywords: the few pgdeck uses, and the rest, which it accepts so that a
 * string written for psql still works, but cannot honour (the JDBC driver has no such knob, or
 * pgdeck sets its own, like application_name).
 */
final class ConnectionKeywords {

    static final Set<String> USED = Set.of(
            "host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "service", "passfile",
            "sslrootcert", "sslcert", "sslkey", "sslpassword", "pgbouncer");

    /** Not libpq's: Prisma's flag for a URL that points at PgBouncer (seed 000 writes it), read as "pooled". */
    static final String PGBOUNCER = "pgbouncer";

    static final Set<String> IGNORED = Set.of(
            "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name",
            "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
            "replication", "gssencmode", "gsslib", "gssdelegation", "krbsrvname", "sslcompression", "sslcrl", "sslcrldir", "sslsni", "sslnegotiation",
            "sslcertmode", "ssl_min_protocol_version", "ssl_max_protocol_version", "requirepeer",
            "require_auth", "channel_binding", "target_session_attrs", "load_balance_hosts", "servicefile");

    static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private ConnectionKeywords() {}

    static boolean known(String keyword) {
        return USED.contains(keyword) || IGNORED.contains(keyword);
    }
}
