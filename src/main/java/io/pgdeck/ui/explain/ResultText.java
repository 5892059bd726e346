package io.pgdeck.ui.explain;

import io.pgdeck.explain.QueryResult;
import java.util.List;

/**
 * Rows as text for elsewhere: CSV as PostgreSQL's COPY writes it (NULL an empty field, an empty
 * string {@code ""}), and tab-separated for the clipboard, quoted the same way so a spreadsheet
 * reads a value with a tab or a line break as one cell.
 */
final class ResultText {

    private ResultText() {}

    static String csv(QueryResult result) {
        return table(result.columns(), result.rows(), ',');
    }

    /** The given rows (or cells of them) under their columns' names, as a spreadsheet pastes them. */
    static String tsv(List<String> columns, List<List<String>> rows) {
        return table(columns, rows, '\t');
    }

    private static String table(List<String> columns, List<List<String>> rows, char separator) {
        StringBuilder b = new StringBuilder();
        line(b, columns, separator);
        rows.forEach(row -> line(b, row, separator));
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> values, char separator) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            String v = values.get(i);
            if (v != null) {
                boolean quote = v.isEmpty() || v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
                        || v.indexOf('\r') >= 0;
                b.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
        }
        b.append('\n');
    }
}
