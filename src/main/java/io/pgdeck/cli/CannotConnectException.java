package io.pgdeck.cli;

/** The target could not be reached or refused the login; the message is Problems' one sentence. */
final class CannotConnectException extends RuntimeException {

    CannotConnectException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
