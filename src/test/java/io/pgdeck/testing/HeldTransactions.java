package io.pgdeck.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Clients of a PgBouncer that each open a transaction and keep it open until closed: in
 * transaction pooling each holds a server connection meanwhile, so beyond the pool size the rest
 * wait in the bouncer's queue, as an application's requests do when its pool is too small.
 */
public final class HeldTransactions implements AutoCloseable {

    private final ExecutorService clients;
    private final List<Connection> connections = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private HeldTransactions(int n) {
        clients = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "held-transaction");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code n} clients of {@code database} as {@code user}, each connected before any starts its transaction. */
    public static HeldTransactions start(PgBouncerServer bouncer, String database, String user, int n) {
        HeldTransactions held = new HeldTransactions(n);
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("ApplicationName", "held-transaction");
        try {
            for (int i = 0; i < n; i++) {
                held.connections.add(DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + bouncer.port() + "/" + database, props));
            }
        } catch (SQLException e) {
            held.close();
            throw new IllegalStateException(e);
        }
        held.connections.forEach(c -> held.clients.execute(() -> held.hold(c)));
        return held;
    }

    private void hold(Connection c) {
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT 1");
            release.await(2, TimeUnit.MINUTES);
            c.rollback();
        } catch (SQLException e) {
            // closed under it by close(): the transaction ends with the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends every client at once. Waiting for the queued clients to get a server and roll back took
     * the whole 20 s time-out: one of them stayed queued in PgBouncer after the others had left.
     * Aborting the connections ends their transactions just as surely, in milliseconds.
     */
    @Override
    public void close() {
        release.countDown();
        for (Connection c : connections) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already gone
            }
        }
        clients.shutdown();
        try {
            clients.awaitTermination(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
