package io.pgdeck.explain;

/**
 * What a node did under ANALYZE, as EXPLAIN reports it: times and rows are averages per loop,
 * so the node's whole time is {@code totalMs × loops} (divided among parallel processes).
 */
public record Timing(double startupMs, double totalMs, double rows, long loops) {

    public boolean executed() {
        return loops > 0;
    }
}
