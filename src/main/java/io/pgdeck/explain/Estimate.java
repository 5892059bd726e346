package io.pgdeck.explain;

/** What the planner expected of a node: costs, and rows per loop. */
public record Estimate(double startupCost, double totalCost, double rows, int width) {}
