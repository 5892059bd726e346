package io.pgdeck.explain;

/**
 * An EXPLAIN that did not run or failed: one sentence for the user and, when PostgreSQL named
 * one, the position of the error in the text the user typed (0-based), else -1.
 */
public class ExplainException extends Exception {

    private final int position;
    private final String hint;

    public ExplainException(String sentence, int position, Throwable cause) {
        this(sentence, position, null, cause);
    }

    /** @param hint PostgreSQL's hint ("Perhaps you meant to reference the column ..."), or null */
    public ExplainException(String sentence, int position, String hint, Throwable cause) {
        super(sentence, cause);
        this.position = position;
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }

    /** The message, where it is in {@code text} and PostgreSQL's hint: what the user reads. */
    public String describe(String text) {
        return getMessage() + (position >= 0 ? " (" + TextPosition.of(text, position) + ")" : "")
                + (hint != null ? ". " + hint : "");
    }

    public ExplainException(String sentence) {
        this(sentence, -1, null);
    }

    public int position() {
        return position;
    }
}
