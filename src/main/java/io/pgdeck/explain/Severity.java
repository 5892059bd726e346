package io.pgdeck.explain;

/** How much an insight matters, mildest first. */
public enum Severity { INFO, WARNING, CRITICAL }
