package io.pgdeck.explain;

import java.util.List;

/**
 * A foreign key as the server described it after an ANALYZE run fired its trigger.
 *
 * @param table   the referencing table, as regclass prints it (quoted and qualified as needed)
 * @param columns its referencing columns, each quoted by quote_ident, in the key's order
 * @param indexed some valid, non-partial index starts with exactly these columns, so PostgreSQL can
 *                find the referencing rows of a deleted or updated key without reading the table
 */
public record ForeignKey(String constraint, String table, List<String> columns, boolean indexed) {

    public ForeignKey {
        columns = List.copyOf(columns);
    }

    public String indexStatement() {
        return "CREATE INDEX CONCURRENTLY ON " + table + " (" + String.join(", ", columns) + ")";
    }
}
