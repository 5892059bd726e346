package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import org.jooq.DSLContext;

/** pg_terminate_backend: ends the whole session, rolling back its open transaction. */
public final class TerminateBackendAction implements Action {

    private final int pid;
    private final String what;

    /** @param what how the user knows the backend (user, application, query), for the confirmation */
    public TerminateBackendAction(int pid, String what) {
        this.pid = pid;
        this.what = what;
    }

    /** Kept for callers holding a DSLContext; the SQL is the same. */
    public TerminateBackendAction(DSLContext ignored, int pid, String what) {
        this(pid, what);
    }

    @Override
    public ActionPlan plan() {
        String sql = Sql.render(select(field("pg_catalog.pg_terminate_backend({0})", Boolean.class, inline(pid))));
        return ActionPlan.single("Terminate backend " + pid, sql, "none",
                "The session " + what + " is disconnected and its open transaction rolled back; the application sees"
                        + " a broken connection and must reconnect. Locks it held are released at once.");
    }

    /** pg_cancel_backend and pg_terminate_backend return false when there was nothing to signal. */
    @Override
    public String outcome(java.util.List<String> returned) {
        return returned.equals(java.util.List.of("t")) ? "Backend " + pid + " is terminating."
                : "Backend " + pid + " was not signalled: it has ended, or this role may not signal it.";
    }

    /** Signals a backend: works on a standby too. */
    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.BACKENDS);
    }
}
