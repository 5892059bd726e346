package io.pgdeck.sample;

/** One step of a statement's chart: its calls per second and mean time then (NaN when not called). */
public record StatementPoint(double callsPerSecond, double meanMillis) {}
