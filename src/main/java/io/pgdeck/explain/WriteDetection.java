package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * The one write a plan does not show: EXPLAIN of {@code CREATE TABLE AS}, {@code CREATE
 * MATERIALIZED VIEW} or {@code SELECT ... INTO t} prints the query's plan only, yet ANALYZE creates
 * the table, even in a read-only transaction. Read from the statement's text: its first word, or
 * an INTO that is not INSERT's or MERGE's. That INTO may sit in parentheses ({@code (SELECT 1 INTO t)}
 * and {@code ((SELECT 1 INTO t) UNION SELECT 2)} both create t); where PostgreSQL refuses it, in a
 * subquery or a CTE, the plan asked for first fails anyway. Everything else is {@link EffectProbe}'s
 * to find in the server's plan.
 *
 * @param reasons one phrase each ("creates a table (SELECT INTO)"); empty when the statement creates none
 */
record WriteDetection(List<String> reasons) {

    public WriteDetection {
        reasons = List.copyOf(reasons);
    }

    static WriteDetection of(SqlText sql) {
        List<String> reasons = new ArrayList<>();
        List<SqlText.Word> words = sql.words();
        if (words.isEmpty()) {
            return new WriteDetection(reasons);
        }
        String first = words.get(0).lower();
        if (first.equals("create")) {
            boolean view = words.stream().limit(4).anyMatch(w -> w.lower().equals("view"));
            reasons.add(view ? "creates a materialized view" : "creates a table (CREATE TABLE AS)");
        } else if (first.equals("select") || first.equals("with")) {
            for (int w = 1; w < words.size(); w++) {
                SqlText.Word word = words.get(w);
                if (!word.quoted() && word.lower().equals("into")
                        && !words.get(w - 1).lower().equals("insert") && !words.get(w - 1).lower().equals("merge")) {
                    reasons.add("creates a table (SELECT INTO)");
                    break;
                }
            }
        }
        return new WriteDetection(reasons);
    }

    boolean writes() {
        return !reasons.isEmpty();
    }
}
