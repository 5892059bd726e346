package io.pgdeck.explain;

/**
 * What pgdeck works out for one node: its time with its children (inclusive) and without
 * (exclusive), both in wall-clock milliseconds with loops and parallel workers counted; its share
 * of the plan's time; how far the planner's row estimate was off.
 *
 * @param share          exclusive time over the Execution Time
 * @param misestimate    actual rows over estimated rows, or estimated over actual, whichever is
 *                       ≥ 1; NaN without ANALYZE or when the node never ran
 * @param underestimated true when more rows came than expected
 * @param rowsRead       rows the node looked at: returned plus removed by its filters, over all loops
 * @param approximate    the exclusive time comes from per-loop averages rounded to the microsecond
 *                       over so many loops (its own or a child's) that it may be off by more than
 *                       1 % (and 0.01 ms)
 */
public record NodeFigures(double inclusiveMs, double exclusiveMs, double share, double misestimate,
                          boolean underestimated, double rowsRead, boolean approximate) {}
