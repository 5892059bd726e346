package io.pgdeck.action;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.Set;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import org.jooq.DSLContext;

/** pg_cancel_backend: stops the backend's current query, keeps its session. */
public final class CancelBackendAction implements Action {

    private final int pid;
    private final String what;

    /** @param what how the user knows the backend (user, application, query), for the confirmation */
    public CancelBackendAction(int pid, String what) {
        this.pid = pid;
        this.what = what;
    }

    /** Kept for callers holding a DSLContext; the SQL is the same. */
    public CancelBackendAction(DSLContext ignored, int pid, String what) {
        this(pid, what);
    }

    @Override
    public ActionPlan plan() {
        String sql = Sql.render(select(field("pg_catalog.pg_cancel_backend({0})", Boolean.class, inline(pid))));
        return ActionPlan.single("Cancel the query of backend " + pid, sql, "none",
                "The query " + what + " fails with 'canceling statement due to user request'; its transaction rolls back"
                        + " if the client does not handle the error. The session stays connected.");
    }

    /** pg_cancel_backend and pg_terminate_backend return false when there was nothing to signal. */
    @Override
    public String outcome(java.util.List<String> returned) {
        return returned.equals(java.util.List.of("t")) ? "Cancel signal sent to backend " + pid + "."
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
