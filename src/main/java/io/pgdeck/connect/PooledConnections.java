package io.pgdeck.connect;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * How readers borrow from the monitoring pool. The pool waits only a short time for a
 * connection (see {@link Target#BORROW_WAIT}); when that runs out, what the pool holds tells
 * the two causes apart: with every connection lent out the pool is just busy (a slow catalog
 * read, an on-demand read) and the reader waits on, up to the connect time-out; with
 * connections missing the pool cannot open them, the server is away, and the reader fails now,
 * so the screens say so within a refresh or two.
 */
final class PooledConnections implements ConnectionProvider {

    private final HikariDataSource pool;
    private final Duration busyWait;

    PooledConnections(HikariDataSource pool, Duration busyWait) {
        this.pool = pool;
        this.busyWait = busyWait;
    }

    @Override
    public Connection acquire() {
        long deadline = System.nanoTime() + busyWait.toNanos();
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLException timedOut) {
                if (!allLentOut() || System.nanoTime() - deadline > 0) {
                    throw new DataAccessException("No connection from the monitoring pool", timedOut);
                }
            }
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Could not return a connection to the monitoring pool", e);
        }
    }

    private boolean allLentOut() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return bean != null && bean.getActiveConnections() >= pool.getMaximumPoolSize();
    }
}
