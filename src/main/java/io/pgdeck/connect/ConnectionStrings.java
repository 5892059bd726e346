package io.pgdeck.connect;

import java.util.Map;

/** Tells the accepted syntaxes apart and returns libpq keywords with their values. */
final class ConnectionStrings {

    private ConnectionStrings() {}

    /** Whether a value given as a database name is a whole connection string, as libpq checks it. */
    static boolean isConnectionString(String s) {
        String v = s.strip();
        return PostgresUri.matches(v) || JdbcUrl.matches(v) || v.contains("=");
    }

    /**
     * A URI, a JDBC URL, keyword=value pairs, or, as psql takes it, a bare database name.
     * Null or blank gives no keywords at all, so the environment decides everything.
     */
    static Map<String, String> parse(String connection) {
        if (connection == null || connection.isBlank()) {
            return Map.of();
        }
        String s = connection.strip();
        if (PostgresUri.matches(s)) {
            return PostgresUri.parse(s);
        }
        if (JdbcUrl.matches(s)) {
            return JdbcUrl.parse(s);
        }
        if (s.contains("://") || s.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Not a PostgreSQL connection string: use postgresql://..., "
                    + "jdbc:postgresql://... or keyword=value pairs.");
        }
        if (s.contains("=")) {
            return KeywordValueString.parse(s);
        }
        return Map.of("dbname", s);
    }
}
