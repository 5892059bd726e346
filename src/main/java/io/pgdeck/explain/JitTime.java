package io.pgdeck.explain;

/**
 * What JIT compilation cost under ANALYZE ("JIT" in EXPLAIN's output), in ms. Compilation is paid
 * once per query, whatever it saves per row: on a short query it is the query's time.
 *
 * @param functions functions compiled
 */
public record JitTime(long functions, double generationMs, double inliningMs, double optimizationMs,
                      double emissionMs, double totalMs) {}
