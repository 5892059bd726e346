package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether EXPLAIN ANALYZE of a statement would change data: ANALYZE runs the statement for real.
 * Errs on the side of asking: any call of a function that is not a well-known read-only built-in
 * counts, because a user function may write (and a sequence's nextval is not rolled back).
 *
 * @param reasons what writes, one phrase each ("DELETE", "calls refresh_totals()"); empty when nothing does
 */
public record WriteDetection(List<String> reasons) {

    private static final Set<String> WRITING_KEYWORDS = Set.of("insert", "update", "delete", "merge");

    /** Words that a parenthesis may follow without making a function call. */
    private static final Set<String> NOT_CALLS = Set.of(
            "all", "and", "any", "array", "as", "between", "by", "case", "cast", "cube", "distinct", "else", "exists",
            "filter", "from", "grouping", "having", "in", "into", "is", "join", "lateral", "like", "ilike", "limit",
            "not", "on", "or", "over", "partition", "rollup", "row", "select", "set", "sets", "some", "tablesample",
            "then", "using", "values", "when", "where", "window", "with", "within", "offset", "returning", "system",
            "bernoulli", "only", "recursive", "materialized", "table", "unnest", "rows", "range", "groups", "exclude",
            // type names with a modifier: numeric(10,2), varchar(20), timestamp(3)
            "numeric", "decimal", "varchar", "char", "character", "bit", "varbit", "timestamp", "timestamptz", "time",
            "timetz", "interval", "float");

    /** Built-ins that only read, common enough in queries that asking for them would be noise. */
    private static final Set<String> READ_ONLY_FUNCTIONS = Set.of(
            "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_object_agg",
            "jsonb_object_agg", "bool_and", "bool_or", "every", "stddev", "stddev_pop", "stddev_samp", "variance",
            "percentile_cont", "percentile_disc", "mode", "row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist", "lag", "lead", "first_value", "last_value", "nth_value", "ntile", "coalesce", "nullif",
            "greatest", "least", "lower", "upper", "length", "char_length", "octet_length", "substring", "substr",
            "trim", "btrim", "ltrim", "rtrim", "concat", "concat_ws", "replace", "split_part", "left", "right",
            "position", "strpos", "format", "to_char", "to_date", "to_timestamp", "to_number", "date_trunc",
            "date_part", "extract", "age", "now", "abs", "round", "floor", "ceil", "ceiling", "trunc", "mod", "power",
            "sqrt", "random", "generate_series", "array_length", "cardinality", "array_position", "array_to_string",
            "string_to_array", "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
            "jsonb_extract_path", "jsonb_extract_path_text", "jsonb_array_elements", "json_array_elements",
            "jsonb_array_length", "jsonb_each", "jsonb_object_keys", "row_to_json", "to_json", "to_jsonb", "md5",
            "encode", "decode", "regexp_replace", "regexp_matches", "regexp_match", "regexp_split_to_table",
            "make_interval", "make_date", "pg_size_pretty", "pg_relation_size", "pg_total_relation_size",
            "pg_sleep", "clock_timestamp", "statement_timestamp", "gen_random_uuid", "current_setting",
            "pg_backend_pid", "version", "hashtext", "initcap", "reverse", "repeat", "lpad", "rpad", "exp", "ln",
            "log", "sign", "width_bucket", "date", "timezone", "isfinite", "justify_days", "justify_hours");

    public WriteDetection {
        reasons = List.copyOf(reasons);
    }

    public static WriteDetection of(SqlText sql) {
        Set<String> reasons = new LinkedHashSet<>();
        List<SqlText.Word> words = sql.words();
        for (int w = 0; w < words.size(); w++) {
            SqlText.Word word = words.get(w);
            if (word.quoted()) {
                continue;
            }
            String lower = word.lower();
            if (WRITING_KEYWORDS.contains(lower) && !afterFor(words, w) && !isColumnLike(word)) {
                reasons.add(lower.toUpperCase(java.util.Locale.ROOT));
            } else if (lower.equals("for") && w + 1 < words.size()
                    && Set.of("update", "share", "no", "key").contains(words.get(w + 1).lower())) {
                reasons.add("locks rows (FOR " + words.get(w + 1).lower().toUpperCase(java.util.Locale.ROOT) + ")");
            } else if (w == 0 && (lower.equals("create") || lower.equals("refresh") || lower.equals("execute"))) {
                reasons.add(lower.toUpperCase(java.util.Locale.ROOT));
            } else if (word.next() == '(' && !word.previous().endsWith("::") && !NOT_CALLS.contains(lower)
                    && !READ_ONLY_FUNCTIONS.contains(lower) && !afterTableKeyword(words, w)) {
                reasons.add("calls " + lower + "()");
            }
        }
        return new WriteDetection(new ArrayList<>(reasons));
    }

    public boolean writes() {
        return !reasons.isEmpty();
    }

    /** "FOR UPDATE" locks; "FOR NO KEY UPDATE" too: counted once, as a lock, not as an UPDATE. */
    private static boolean afterFor(List<SqlText.Word> words, int w) {
        String before = w > 0 ? words.get(w - 1).lower() : "";
        return before.equals("for") || before.equals("key") || before.equals("no");
    }

    /** {@code t.update} or {@code update.x} in an expression is a name, not the statement. */
    private static boolean isColumnLike(SqlText.Word word) {
        return word.previous().endsWith(".") || word.next() == '.';
    }

    /** {@code INSERT INTO t (a, b)} and {@code WITH x (a) AS}: a name and its column list. */
    private static boolean afterTableKeyword(List<SqlText.Word> words, int w) {
        String before = w > 0 ? words.get(w - 1).lower() : "";
        return before.equals("into") || before.equals("with") || before.equals("recursive") || before.equals("table");
    }
}
