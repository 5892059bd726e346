package io.pgdeck.demo;

import static io.pgdeck.db.learning.Tables.ENROLLMENTS;
import static org.jooq.impl.DSL.count;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A web request that began a transaction, read, and then forgot about it: the session stays
 * "idle in transaction" for {@link #IDLE}, holding its snapshot (vacuum cannot clean behind it)
 * and its lock on enrollments, until it is rolled back.
 */
final class IdleTransaction implements AutoCloseable {

    static final Duration IDLE = Duration.ofSeconds(45);

    private final AppPools pools;
    private final WorkloadExecutor executor;
    private final AtomicReference<Connection> session = new AtomicReference<>();

    IdleTransaction(AppPools pools, WorkloadExecutor executor) {
        this.pools = pools;
        this.executor = executor;
    }

    void open() {
        if (session.get() != null) {
            return;
        }
        try {
            Connection c = pools.hold(DemoApp.LEARNING_WEB);
            c.setAutoCommit(false);
            session.set(c);
            pools.dsl(c).select(count()).from(ENROLLMENTS).where(ENROLLMENTS.STATUS.eq("ACTIVE")).fetchOne();
        } catch (SQLException e) {
            close();
            throw new IllegalStateException(e);
        }
        executor.after(IDLE, "idle transaction, rollback", this::close);
    }

    @Override
    public void close() {
        Connection c = session.getAndSet(null);
        if (c == null) {
            return;
        }
        try (c) {
            c.rollback();
        } catch (SQLException e) {
            // the session is going away either way
        }
    }
}
