package io.pgdeck.explain;

/**
 * A statement checked without the server and ready to explain: exactly one, no EXPLAIN of its own.
 * What it would do under ANALYZE only the server can tell: {@link ExplainRunner#run} asks first.
 *
 * @param statement the one statement, with its offset in the text the user typed
 */
public record ExplainRequest(SqlText.Statement statement, ExplainOptions options) {

    /** The EXPLAIN statement sent to the server. */
    public String sql() {
        return prefix() + statement.text();
    }

    String prefix() {
        return "EXPLAIN (" + options.sql() + ") ";
    }

    /** The plain EXPLAIN (VERBOSE) that shows what ANALYZE would run, and runs nothing. */
    ExplainRequest probe() {
        return new ExplainRequest(statement, new ExplainOptions(false, false, true, false, false, false));
    }
}
