package io.pgdeck.explain;

/** Text that is not an EXPLAIN plan in JSON; the message is one sentence for the user. */
public final class PlanFormatException extends RuntimeException {

    public PlanFormatException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
