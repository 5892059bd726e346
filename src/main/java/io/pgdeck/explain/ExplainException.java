package io.pgdeck.explain;

import io.pgdeck.connect.Problems;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * An EXPLAIN (or a read-only Run, {@link ReadOnlyQuery}) that did not run or failed: one sentence for the user and, when PostgreSQL named
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

    /**
     * What PostgreSQL answered, as the user reads it: its message capitalised with its detail, its
     * hint, and its position moved into the user's text by {@code toEditor} (from PostgreSQL's
     * 1-based position in what it received); a lost connection or a server shutting down as one
     * sentence of {@link Problems}.
     */
    static ExplainException fromServer(SQLException e, IntUnaryOperator toEditor) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (server == null || server.getMessage() == null || state.startsWith("08") || state.startsWith("57P")) {
            return new ExplainException(Problems.describe(e), -1, e);
        }
        String message = server.getMessage().substring(0, 1).toUpperCase(Locale.ROOT) + server.getMessage().substring(1);
        if (server.getDetail() != null) {
            message += ". " + server.getDetail();
        }
        int position = server.getPosition() > 0 ? toEditor.applyAsInt(server.getPosition()) : -1;
        return new ExplainException(message, position, server.getHint(), e);
    }
}
