package io.pgdeck.action;

import java.util.List;

/**
 * What an action will do, shown to the user before it runs: the exact statements (identifiers
 * already quoted by jOOQ), the lock they take and what could go wrong. The runner executes
 * these statements and nothing else, so what the user confirmed is what runs.
 *
 * @param commit how the statements are grouped into transactions
 */
public record ActionPlan(String title, List<String> statements, String lock, String risk, Commit commit) {

    /**
     * How a plan's statements commit. Only {@link #NO_TRANSACTION_BLOCK} needs a session of its
     * own; the others run through a transaction pooler too, with their time-outs set inside each
     * transaction.
     */
    public enum Commit {
        /** All statements in one transaction: all or nothing. */
        ONE_TRANSACTION,
        /** Each statement in a transaction of its own: after a failure, those before it stay done. */
        EACH_STATEMENT,
        /**
         * PostgreSQL refuses them inside a transaction block (VACUUM; CREATE, DROP and REINDEX
         * ... CONCURRENTLY; DETACH PARTITION ... CONCURRENTLY): each commits on its own, in a
         * session that must be pgdeck's alone.
         */
        NO_TRANSACTION_BLOCK
    }

    public ActionPlan {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("an action runs at least one statement");
        }
    }

    /** One statement in a transaction of its own. */
    public static ActionPlan single(String title, String sql, String lock, String risk) {
        return new ActionPlan(title, List.of(sql), lock, risk, Commit.ONE_TRANSACTION);
    }

    /** Whether it needs a session of its own, which a transaction pooler does not give. */
    public boolean needsSession() {
        return commit == Commit.NO_TRANSACTION_BLOCK;
    }

    /** The statements as the confirm dialog and the audit log show them. */
    public String sql() {
        return String.join(";\n", statements) + ";";
    }
}
