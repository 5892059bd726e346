package io.pgdeck.ui.overview;

/** One line of the databases table on the overview. Size is null until the slow read comes. */
public record DatabaseRow(String name, Long sizeBytes, int backends, double commitsPerSecond,
                          double cacheHitRatio, long deadlocks, long tempBytes) {}
