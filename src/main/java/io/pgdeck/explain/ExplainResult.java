package io.pgdeck.explain;

import java.time.Duration;
import java.time.Instant;

/**
 * One EXPLAIN run: what ran, with which options, its plan analysed, how long it took, and the
 * side effects the user confirmed for ANALYZE ({@link SideEffects#NONE} when it had none).
 */
public record ExplainResult(String statement, ExplainOptions options, PlanAnalysis analysis, Instant at,
                           Duration took, SideEffects sideEffects) {

    public Plan plan() {
        return analysis.plan();
    }
}
