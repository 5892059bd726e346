package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plan's condition compares on one relation, read from EXPLAIN's text: {@code ((status =
 * 'OPEN'::text) AND (amount > 100))} gives status by equality and amount by range. Only the
 * top-level AND terms of the form {@code key op value} count, where the key uses the relation's
 * columns (a column, or an expression such as {@code lower(email)}) and the value does not (a
 * constant, a parameter, or in a join filter another relation's column). What cannot be read that
 * way (OR, {@code <>}, two of the relation's columns compared) is left out rather than guessed.
 */
final class FilterColumns {

    /** How a term can use an index: equality and range in a btree, a leading wildcard only in a trigram GIN. */
    enum Use { EQUALITY, RANGE, PREFIX, INFIX }

    /**
     * @param key       a column as EXPLAIN spells it (quoted when it needs to be), or an expression
     *                  without the relation's alias
     * @param expression true when the key is an expression, indexed as {@code ((key))}
     */
    record Term(String key, boolean expression, Use use) {}

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern PLAIN_COLUMN = Pattern.compile("(?:" + NAME + "\\.)?" + NAME);
    /** A varchar or char column compared with text shows as {@code (code)::text}: the index is on the column. */
    private static final Pattern TEXT_CAST = Pattern.compile("\\((.+)\\)::(?:text|character varying|bpchar)");
    /** A name, qualified or not, that is whole and not called: {@code r.v}, {@code amount}, not {@code lower(}. */
    private static final Pattern COLUMN_REFERENCE = Pattern.compile(
            "(?<![\\w$\"])(?:(" + NAME + ")\\.)?(" + NAME + ")(?![\\w$\"])(?!\\s*\\()");
    private static final List<String> OPERATORS = List.of("=", "<", "<=", ">", ">=", "~~", "~~*", "~", "~*", "IS");
    private static final Set<String> NOT_COLUMNS = Set.of("AND", "OR", "NOT", "NULL", "TRUE",
            "FALSE", "ANY", "ALL", "ARRAY", "IS", "CURRENT_DATE", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "CURRENT_USER");

    private FilterColumns() {}

    /**
     * The terms on the relation named {@code alias} (qualified columns of other relations are
     * values); with a null alias every column is the relation's.
     */
    static List<Term> of(String condition, String alias) {
        List<Term> terms = new ArrayList<>();
        if (condition == null) {
            return terms;
        }
        for (String part : conjuncts(condition)) {
            term(part, alias).filter(t -> terms.stream().noneMatch(o -> o.key().equals(t.key()))).ifPresent(terms::add);
        }
        return terms;
    }

    /** The condition's AND terms, however nested: an index condition and a filter joined by AND are one list. */
    private static List<String> conjuncts(String condition) {
        String text = unwrap(condition.trim());
        List<String> parts = split(text, " AND ");
        if (parts.size() == 1) {
            return List.of(text);
        }
        List<String> all = new ArrayList<>();
        parts.forEach(part -> all.addAll(conjuncts(part)));
        return all;
    }

    private static Optional<Term> term(String text, String alias) {
        if (!split(text, " OR ").equals(List.of(text))) {
            return Optional.empty();
        }
        List<String> words = split(text, " ");
        for (int i = 1; i < words.size() - 1; i++) {
            String op = words.get(i);
            if (!OPERATORS.contains(op)) {
                continue;
            }
            String left = String.join(" ", words.subList(0, i));
            String right = String.join(" ", words.subList(i + 1, words.size()));
            boolean leftOwn = usesColumns(left, alias);
            boolean rightOwn = usesColumns(right, alias);
            if (leftOwn == rightOwn) {
                return Optional.empty();
            }
            if (rightOwn) {
                String swapped = right;
                right = left;
                left = swapped;
                op = flipped(op);
            }
            String key = left;
            return use(op, right).map(use -> key(key, alias, use));
        }
        return Optional.empty();
    }

    private static Optional<Use> use(String op, String value) {
        return switch (op) {
            case "=" -> Optional.of(Use.EQUALITY);
            case "<", "<=", ">", ">=" -> Optional.of(Use.RANGE);
            case "IS" -> value.equals("NULL") ? Optional.of(Use.EQUALITY) : Optional.empty();
            case "~~" -> {
                String pattern = literal(value);
                if (pattern == null) {
                    yield Optional.empty();
                }
                yield Optional.of(pattern.startsWith("%") || pattern.startsWith("_") ? Use.INFIX : Use.PREFIX);
            }
            case "~~*", "~", "~*" -> literal(value) == null ? Optional.empty() : Optional.of(Use.INFIX);
            default -> Optional.empty();
        };
    }

    private static Term key(String left, String alias, Use use) {
        String key = left;
        var cast = TEXT_CAST.matcher(key);
        if (cast.matches() && PLAIN_COLUMN.matcher(cast.group(1)).matches()) {
            key = cast.group(1);
        }
        if (alias != null) {
            key = key.replace(SqlNames.quoted(alias) + ".", "");
        }
        return new Term(key, !PLAIN_COLUMN.matcher(key).matches(), use);
    }

    private static String flipped(String op) {
        return switch (op) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> op;
        };
    }

    /** The text of a string literal ({@code '%abc%'::text}), or null when the value is not one. */
    private static String literal(String value) {
        if (!value.startsWith("'")) {
            return null;
        }
        int end = value.indexOf('\'', 1);
        while (end > 0 && end + 1 < value.length() && value.charAt(end + 1) == '\'') {
            end = value.indexOf('\'', end + 2);
        }
        return end > 0 ? value.substring(1, end).replace("''", "'") : null;
    }

    /** Whether the text refers to a column of the relation: a name outside strings that is not a function or a type. */
    private static boolean usesColumns(String text, String alias) {
        String bare = text.replaceAll("'(?:[^']|'')*'", "''").replaceAll("::[A-Za-z_ ]+(?:\\[\\])?", "");
        var m = COLUMN_REFERENCE.matcher(bare);
        while (m.find()) {
            String qualifier = m.group(1);
            String name = m.group(2);
            if (name.startsWith("$") || NOT_COLUMNS.contains(name.toUpperCase(Locale.ROOT))) {
                continue;
            }
            if (qualifier == null || alias == null || qualifier.equals(SqlNames.quoted(alias))) {
                return true;
            }
        }
        return false;
    }

    /** The text without the parentheses that enclose all of it: {@code ((a = 1))} is {@code a = 1}. */
    private static String unwrap(String text) {
        while (text.startsWith("(") && closing(text, 0) == text.length() - 1) {
            text = text.substring(1, text.length() - 1).trim();
        }
        return text;
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping strings and quoted names. */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = text.indexOf(c, i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on a separator found outside parentheses, strings and quoted names. */
    private static List<String> split(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                i = end < 0 ? text.length() : end;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (depth == 0 && text.startsWith(separator, i)) {
                parts.add(text.substring(start, i));
                i += separator.length() - 1;
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        parts.removeIf(String::isBlank);
        return parts;
    }
}
