package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index that lets a scan read only the rows its condition keeps, as DDL a DBA can run. A
 * btree takes the columns compared with = first and one range column last: the other order makes
 * it walk the whole range and check the equality on every entry. A LIKE or ILIKE with a leading
 * wildcard (and a regular expression) cannot use a btree at all, so it gets a trigram GIN, which
 * needs the pg_trgm extension; a prefix LIKE gets text_pattern_ops, which serves it under any
 * collation.
 *
 * @param table   the table, quoted as needed
 * @param keys    the index's keys as written in the DDL
 * @param trigram a GIN with gin_trgm_ops rather than a btree
 */
record IndexAdvice(String table, List<String> keys, boolean trigram) {

    IndexAdvice {
        keys = List.copyOf(keys);
    }

    /** The index for a condition on the relation with that alias (null: every column in it is the relation's). */
    static Optional<IndexAdvice> of(String table, String condition, String alias) {
        List<FilterColumns.Term> terms = FilterColumns.of(condition, alias);
        List<String> infix = terms.stream().filter(t -> t.use() == FilterColumns.Use.INFIX)
                .map(t -> key(t) + " gin_trgm_ops").toList();
        if (!infix.isEmpty()) {
            return Optional.of(new IndexAdvice(table, infix, true));
        }
        List<String> keys = new ArrayList<>(terms.stream().filter(t -> t.use() == FilterColumns.Use.EQUALITY)
                .map(IndexAdvice::key).toList());
        terms.stream().filter(t -> t.use() == FilterColumns.Use.RANGE || t.use() == FilterColumns.Use.PREFIX)
                .findFirst()
                .ifPresent(t -> keys.add(t.use() == FilterColumns.Use.PREFIX ? key(t) + " text_pattern_ops" : key(t)));
        return keys.isEmpty() ? Optional.empty() : Optional.of(new IndexAdvice(table, keys, false));
    }

    private static String key(FilterColumns.Term term) {
        return term.expression() ? "(" + term.key() + ")" : term.key();
    }

    /**
     * The statements to run. CONCURRENTLY keeps writes going while the index builds, but runs
     * outside a transaction only and is refused on a partitioned table.
     */
    String ddl(boolean concurrently) {
        String create = "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + "ON " + table
                + (trigram ? " USING gin (" : " (") + String.join(", ", keys) + ")";
        return trigram ? "CREATE EXTENSION IF NOT EXISTS pg_trgm; " + create : create;
    }

    /** The advice in a sentence, ending with its DDL. */
    String sentence(boolean concurrently) {
        if (trigram) {
            return "a trigram index with pg_trgm, since a btree cannot serve a pattern with a leading wildcard: "
                    + ddl(concurrently);
        }
        return (keys.size() > 1 ? "an index with the columns compared with = first and the range last: "
                : "an index: ") + ddl(concurrently);
    }
}
