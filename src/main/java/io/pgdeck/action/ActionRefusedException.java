package io.pgdeck.action;

/** The runner will not run this plan here; the message is the one sentence that says why. */
public final class ActionRefusedException extends IllegalStateException {
    public ActionRefusedException(String sentence) {
        super(sentence);
    }
}
