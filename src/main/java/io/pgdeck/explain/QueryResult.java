package io.pgdeck.explain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a read-only Run returned: the columns as the result's metadata names them, the first rows
 * with every value as PostgreSQL's text (null for SQL NULL), whether more rows were left unread,
 * and how long it took.
 *
 * @param columns the column labels, in order; empty for a statement that returns no rows (SHOW does)
 * @param types   the columns' PostgreSQL type names, in the same order
 * @param rows    each row's values in column order, null for NULL
 * @param more    true when the statement had rows beyond those returned
 */
public record QueryResult(String statement, List<String> columns, List<String> types, List<List<String>> rows,
                          boolean more, Instant at, Duration took) {

    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            // List.copyOf refuses nulls, and NULL is a value here
            copied.add(Collections.unmodifiableList(Arrays.asList(row.toArray(String[]::new))));
        }
        rows = Collections.unmodifiableList(copied);
    }
}
