package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import org.jooq.DSLContext;

/** pg_terminate_backend: ends the whole session, rolling back its open transaction. */
public final class TerminateBackendAction implements Action {

    private final DSLContext renderer;
    private final int pid;
    private final String what;

    public TerminateBackendAction(DSLContext renderer, int pid, String what) {
        this.renderer = renderer;
        this.pid = pid;
        this.what = what;
    }

    @Override
    public ActionPlan plan() {
        String sql = renderer.renderInlined(select(field("pg_catalog.pg_terminate_backend({0})", Boolean.class, inline(pid))));
        return ActionPlan.single("Terminate backend " + pid, sql, "none",
                "The session " + what + " is disconnected and its open transaction rolled back; the application sees"
                        + " a broken connection and must reconnect. Locks it held are released at once.");
    }
}
