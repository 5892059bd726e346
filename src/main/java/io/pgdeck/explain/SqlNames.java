package io.pgdeck.explain;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names as PostgreSQL's quote_ident writes them, for the DDL pgdeck suggests: bare when they are a
 * plain lower-case identifier and no reserved word, else in double quotes with quotes doubled. The
 * analysis may run without a connection, so this cannot ask the server.
 */
final class SqlNames {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** PostgreSQL's reserved key words, including those allowed only as function or type names. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
            "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private SqlNames() {}

    static String quoted(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code schema.table}, each part quoted as needed; the schema left out when EXPLAIN did not give it. */
    static String qualified(String schema, String name) {
        return schema == null ? quoted(name) : quoted(schema) + "." + quoted(name);
    }
}
