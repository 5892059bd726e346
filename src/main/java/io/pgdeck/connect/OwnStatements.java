package io.pgdeck.connect;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * How pgdeck's own monitoring statements are told apart in pg_stat_statements, which records no
 * application_name and runs under the user's role: each ends with {@link #MARK}.
 *
 * <p>pg_stat_statements keeps the text of an entry's first execution, comments included, and
 * merges executions by queryid, which ignores comments. Seen on 13, 17 and 18: a trailing comment
 * is kept by all three, a leading one is dropped by 18 (it stores the statement from its first
 * token). Nobody else runs pgdeck's statements, so their first execution is pgdeck's and carries
 * the mark; BEGIN and COMMIT, which the driver sends, merge with everybody's and stay unmarked.
 */
public final class OwnStatements implements ExecuteListener {

    public static final String MARK = "/* pgdeck */";

    public static String mark(String sql) {
        return sql + " " + MARK;
    }

    /** Whether a statement text recorded by pg_stat_statements is one of pgdeck's own. */
    public static boolean isOwn(String text) {
        return text != null && text.stripTrailing().endsWith(MARK);
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        ctx.sql(mark(ctx.sql()));
    }
}
