package io.pgdeck.connect;

import java.time.Duration;

/**
 * The one statement that sets statement_timeout and lock_timeout for the current transaction only:
 * behind a pooler the server connection goes to someone else next, so nothing may outlive it.
 */
public final class TransactionTimeouts {

    private TransactionTimeouts() {}

    public static String sql(Duration statementTimeout, Duration lockTimeout) {
        return "SELECT pg_catalog.set_config('statement_timeout', '" + statementTimeout.toMillis()
                + "', true), pg_catalog.set_config('lock_timeout', '" + lockTimeout.toMillis() + "', true)";
    }
}
