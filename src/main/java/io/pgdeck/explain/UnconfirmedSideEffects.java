package io.pgdeck.explain;

/** ANALYZE was asked for a statement with side effects the user has not confirmed; nothing ran. */
public final class UnconfirmedSideEffects extends ExplainException {

    private final SideEffects sideEffects;

    UnconfirmedSideEffects(SideEffects sideEffects) {
        super("EXPLAIN ANALYZE runs the statement for real, and it has side effects (" + sideEffects.describe()
                + "): confirm them to run it and roll it back.");
        this.sideEffects = sideEffects;
    }

    public SideEffects sideEffects() {
        return sideEffects;
    }
}
