package io.pgdeck.demo;

import static io.pgdeck.db.insightdesk.Tables.TICKETS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A short blocking tree: an agent's session locks a ticket row and keeps its transaction open;
 * two API requests updating the same ticket queue up behind it (the second behind the first);
 * after {@link #HOLD} the holder commits and the queue drains.
 */
final class LockChain implements AutoCloseable {

    static final Duration HOLD = Duration.ofSeconds(15);
    private static final Duration SECOND_WAITER = Duration.ofSeconds(2);

    private final AppPools pools;
    private final WorkloadExecutor executor;
    private final AtomicReference<Connection> holder = new AtomicReference<>();

    LockChain(AppPools pools, WorkloadExecutor executor) {
        this.pools = pools;
        this.executor = executor;
    }

    void start() {
        if (holder.get() != null) {
            return;
        }
        // The oldest open ticket: the API's own requests work on recent ones and stay out of the chain.
        Long ticket = pools.dsl(DemoApp.INSIGHTDESK_API).select(TICKETS.ID).from(TICKETS)
                .where(TICKETS.STATUS.eq("OPEN")).orderBy(TICKETS.CREATED_AT).limit(1).fetchOne(TICKETS.ID);
        if (ticket == null) {
            return;
        }
        try {
            Connection c = pools.hold(DemoApp.INSIGHTDESK_API);
            c.setAutoCommit(false);
            holder.set(c);
            pools.dsl(c).selectFrom(TICKETS).where(TICKETS.ID.eq(ticket)).forUpdate().fetch();
        } catch (SQLException e) {
            release(false);
            throw new IllegalStateException(e);
        }
        executor.after(Duration.ofMillis(500), "lock chain, first waiter", () -> waitFor(ticket, "IN_PROGRESS"));
        executor.after(SECOND_WAITER, "lock chain, second waiter", () -> waitFor(ticket, "PENDING"));
        executor.after(HOLD, "lock chain, release", () -> release(true));
    }

    private void waitFor(long ticket, String status) {
        pools.dsl(DemoApp.INSIGHTDESK_API).update(TICKETS).set(TICKETS.STATUS, status)
                .set(TICKETS.UPDATED_AT, currentOffsetDateTime()).where(TICKETS.ID.eq(ticket)).execute();
    }

    private void release(boolean commit) {
        Connection c = holder.getAndSet(null);
        if (c == null) {
            return;
        }
        try (c) {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            // the session is going away either way; its lock goes with it
        }
    }

    /** Releases the row at once, so the waiters finish instead of waiting out the hold. */
    @Override
    public void close() {
        release(false);
    }
}
