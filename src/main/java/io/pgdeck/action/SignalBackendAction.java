package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import io.pgdeck.catalog.Topic;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * pg_cancel_backend or pg_terminate_backend on one backend. Both signal rather than write, so
 * they work on a standby too, and both answer false when there was nothing to signal.
 */
public final class SignalBackendAction implements Action {

    /** The two signals a DBA sends: what each function is called, does and risks. */
    public enum Signal {
        CANCEL("pg_cancel_backend", "Cancel the query of backend %d",
                "Its running query fails with 'canceling statement due to user request'; its transaction rolls back"
                        + " if the client does not handle the error. The session stays connected.",
                "Cancel signal sent to backend %d."),
        TERMINATE("pg_terminate_backend", "Terminate backend %d",
                "The session is disconnected and its open transaction rolled back; the application sees"
                        + " a broken connection and must reconnect. Locks it held are released at once.",
                "Backend %d is terminating.");

        private final String function;
        private final String title;
        private final String risk;
        private final String sent;

        Signal(String function, String title, String risk, String sent) {
            this.function = function;
            this.title = title;
            this.risk = risk;
            this.sent = sent;
        }
    }

    private final Signal signal;
    private final int pid;
    private final String what;

    /** @param what how the user knows the backend (pid, user, application, its query), for the confirmation */
    public SignalBackendAction(Signal signal, int pid, String what) {
        this.signal = signal;
        this.pid = pid;
        this.what = what;
    }

    public static SignalBackendAction cancel(int pid, String what) {
        return new SignalBackendAction(Signal.CANCEL, pid, what);
    }

    public static SignalBackendAction terminate(int pid, String what) {
        return new SignalBackendAction(Signal.TERMINATE, pid, what);
    }

    @Override
    public ActionPlan plan() {
        String sql = Sql.render(select(field("pg_catalog." + signal.function + "({0})", Boolean.class, inline(pid))));
        // who the backend is on a line of its own: its query spliced into the sentence read as part of it
        return ActionPlan.single(String.format(signal.title, pid), sql, "none", signal.risk + "\nBackend: " + what);
    }

    @Override
    public String outcome(List<String> returned) {
        return returned.equals(List.of("t")) ? String.format(signal.sent, pid)
                : "Backend " + pid + " was not signalled: it has ended, or this role may not signal it.";
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.BACKENDS);
    }
}
