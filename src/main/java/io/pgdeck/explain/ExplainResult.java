package io.pgdeck.explain;

import java.time.Duration;
import java.time.Instant;

/** One EXPLAIN run: what ran, with which options, its plan analysed, and how long it took. */
public record ExplainResult(String statement, ExplainOptions options, PlanAnalysis analysis, Instant at,
                           Duration took) {

    public Plan plan() {
        return analysis.plan();
    }
}
