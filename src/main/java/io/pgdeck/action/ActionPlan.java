package io.pgdeck.action;

import java.util.List;

/**
 * What an action will do, shown to the user before it runs: the exact statements (identifiers
 * already quoted by jOOQ), the lock they take and what could go wrong. The runner executes
 * these statements and nothing else, so what the user confirmed is what runs.
 *
 * @param autocommit true when PostgreSQL refuses the statements inside a transaction block
 *     (REINDEX CONCURRENTLY, VACUUM, DETACH ... CONCURRENTLY); otherwise they run in one transaction
 */
public record ActionPlan(String title, List<String> statements, String lock, String risk, boolean autocommit) {

    public ActionPlan {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("an action runs at least one statement");
        }
    }

    public static ActionPlan single(String title, String sql, String lock, String risk) {
        return new ActionPlan(title, List.of(sql), lock, risk, true);
    }

    /** The statements as the confirm dialog and the audit log show them. */
    public String sql() {
        return String.join(";\n", statements) + ";";
    }
}
