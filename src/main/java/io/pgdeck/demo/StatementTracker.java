package io.pgdeck.demo;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Knows every statement the workload is executing, so that stopping can cancel them: a thread
 * blocked in a lock wait or a pg_sleep sits in a socket read that no interrupt reaches.
 */
final class StatementTracker implements ExecuteListener {

    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (ctx.statement() != null) {
            running.add(ctx.statement());
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (ctx.statement() != null) {
            running.remove(ctx.statement());
        }
    }

    void cancelAll() {
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // already finished or closed: nothing left to cancel
            }
        }
    }
}
