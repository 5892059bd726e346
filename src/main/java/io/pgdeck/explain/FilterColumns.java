package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a plan's filter compares, read from its text: {@code ((status = 'OPEN'::text) AND
 * (org_id = 3))} gives status, org_id. What cannot be read that way (an expression on a column)
 * is left out rather than guessed.
 */
final class FilterColumns {

    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern COMPARED = Pattern.compile("(?<![:.\\w\"])(?:" + NAME + "\\.)?(" + NAME + ")\\s*"
            + "(?:=|<>|!=|<=|>=|<|>|~~\\*?|!~~\\*?|IS\\b|@>|<@|&&|=\\s*ANY\\b)");
    private static final Set<String> NOT_COLUMNS = Set.of("AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "ANY", "ALL");

    private FilterColumns() {}

    static List<String> of(String filter) {
        if (filter == null) {
            return List.of();
        }
        Matcher m = COMPARED.matcher(STRING.matcher(filter).replaceAll("''"));
        Set<String> columns = new LinkedHashSet<>();
        while (m.find()) {
            String column = m.group(1);
            if (!NOT_COLUMNS.contains(column.toUpperCase(java.util.Locale.ROOT))) {
                columns.add(column);
            }
        }
        return new ArrayList<>(columns);
    }
}
