package io.pgdeck.explain;

/**
 * A statement checked and ready to explain: exactly one, and what it would write under ANALYZE.
 *
 * @param statement the one statement, with its offset in the text the user typed
 */
public record ExplainRequest(SqlText.Statement statement, ExplainOptions options, WriteDetection writes) {

    /** ANALYZE runs the statement: one that writes needs the user's explicit yes. */
    public boolean needsConfirmation() {
        return options.analyze() && writes.writes();
    }

    /** The EXPLAIN statement sent to the server. */
    public String sql() {
        return prefix() + statement.text();
    }

    String prefix() {
        return "EXPLAIN (" + options.sql() + ") ";
    }
}
