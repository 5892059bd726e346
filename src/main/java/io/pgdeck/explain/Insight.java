package io.pgdeck.explain;

/**
 * One thing worth knowing about a plan, tied to the node it is about.
 *
 * @param title       one line: what is wrong, with the figure
 * @param explanation why it matters and what to do about it
 */
public record Insight(InsightRule rule, Severity severity, int nodeId, String title, String explanation) {}
