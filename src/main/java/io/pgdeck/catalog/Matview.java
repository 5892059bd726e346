package io.pgdeck.catalog;

import java.util.List;

/**
 * A materialized view.
 *
 * @param uniqueIndex a valid unique index on plain columns without WHERE, which REFRESH ...
 *     CONCURRENTLY needs; null when there is none
 * @param dependsOn   the matviews it reads ("schema.name"), directly or through plain views
 */
public record Matview(String schema, String name, boolean populated, long estimatedRows, long sizeBytes,
                      String uniqueIndex, List<String> dependsOn) {

    public Matview {
        dependsOn = List.copyOf(dependsOn);
    }

    public boolean refreshableConcurrently() {
        return populated && uniqueIndex != null;
    }

    public String qualifiedName() {
        return schema + "." + name;
    }
}
