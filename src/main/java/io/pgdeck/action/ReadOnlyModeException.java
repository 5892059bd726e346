package io.pgdeck.action;

/** Read-only mode is on: no action may run, whatever the UI shows. */
public final class ReadOnlyModeException extends IllegalStateException {
    public ReadOnlyModeException() {
        super("pgdeck is in read-only mode: turn it off to run maintenance actions.");
    }
}
