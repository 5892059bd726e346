package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewOrder;
import java.util.List;

/** One materialized view in the snapshot's {@code matviews} section, listed in refresh order. */
public record MatviewSection(
        String name,
        boolean populated,
        long estimatedRows,
        long sizeBytes,
        boolean refreshableConcurrently,
        List<String> dependsOn) {

    static List<MatviewSection> of(List<Matview> matviews) {
        return MatviewOrder.refreshOrder(matviews).stream()
                .map(m -> new MatviewSection(m.qualifiedName(), m.populated(), m.estimatedRows(), m.sizeBytes(),
                        m.refreshableConcurrently(), m.dependsOn()))
                .toList();
    }
}
