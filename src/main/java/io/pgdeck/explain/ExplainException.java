package io.pgdeck.explain;

/**
 * An EXPLAIN that did not run or failed: one sentence for the user and, when PostgreSQL named
 * one, the position of the error in the text the user typed (0-based), else -1.
 */
public final class ExplainException extends Exception {

    private final int position;

    public ExplainException(String sentence, int position, Throwable cause) {
        super(sentence, cause);
        this.position = position;
    }

    public ExplainException(String sentence) {
        this(sentence, -1, null);
    }

    public int position() {
        return position;
    }
}
