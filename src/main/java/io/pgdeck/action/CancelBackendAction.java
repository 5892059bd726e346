package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import org.jooq.DSLContext;

/** pg_cancel_backend: stops the backend's current query, keeps its session. */
public final class CancelBackendAction implements Action {

    private final DSLContext renderer;
    private final int pid;
    private final String what;

    public CancelBackendAction(DSLContext renderer, int pid, String what) {
        this.renderer = renderer;
        this.pid = pid;
        this.what = what;
    }

    @Override
    public ActionPlan plan() {
        String sql = renderer.renderInlined(select(field("pg_catalog.pg_cancel_backend({0})", Boolean.class, inline(pid))));
        return ActionPlan.single("Cancel the query of backend " + pid, sql, "none",
                "The query " + what + " fails with 'canceling statement due to user request'; its transaction rolls back"
                        + " if the client does not handle the error. The session stays connected.");
    }
}
