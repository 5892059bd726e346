package io.pgdeck.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * Hands jOOQ a monitoring connection inside a transaction of its own: the pool's connections do
 * not autocommit and are read-only, so the driver opens each transaction with BEGIN READ ONLY,
 * and the time-outs are set with set_config(..., true), which ends with the transaction. The
 * borrow ends with a COMMIT (of a read-only transaction: nothing to write), not the pool's
 * rollback on close, because a DBA reads rollbacks per second as the application's failures and
 * pgdeck's own refreshes would add several a second. So nothing outlives the borrow on a server
 * connection that PgBouncer gives to someone else next.
 *
 * <p>Cost: one extra round trip per borrow, the set_config; the driver sends BEGIN in the same
 * message as it.
 */
final class ReadOnlyTransactions implements ConnectionProvider {

    private final ConnectionProvider pool;
    private final String timeouts;

    /** @param pool how a connection is borrowed ({@link PooledConnections}: fails fast when the server is away) */
    ReadOnlyTransactions(ConnectionProvider pool, TargetOptions options) {
        this.pool = pool;
        this.timeouts = OwnStatements.mark(TransactionTimeouts.sql(options.statementTimeout(), options.lockTimeout()));
    }

    @Override
    public Connection acquire() {
        Connection c = null;
        try {
            c = pool.acquire();
            try (Statement st = c.createStatement()) {
                st.execute(timeouts);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new DataAccessException(e.getMessage(), e);
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException failed) {
            // an aborted transaction (a statement failed, a time-out): the pool rolls it back on close
        } finally {
            pool.release(connection);
        }
    }

    private static void closeQuietly(Connection c, SQLException cause) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
