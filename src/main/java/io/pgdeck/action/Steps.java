package io.pgdeck.action;

import java.util.List;

/**
 * How an action that changes another server than the target's PostgreSQL (a BullMQ queue in
 * Redis) runs its plan: the plan's statements are then the exact commands, one per step, as the
 * confirmation shows them and the audit log records them, and the runner hands each to this in
 * turn instead of to JDBC. Everything else stays the door's: refusals, confirmation, cancel
 * (between two steps), progress (steps done) and the audit line.
 */
@FunctionalInterface
public interface Steps {

    /**
     * Runs the plan's statement {@code index}, exactly as it reads there.
     *
     * @return what it returned, one string per value, as a statement's rows are returned
     */
    List<String> run(int index);
}
