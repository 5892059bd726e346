package io.pgdeck.explain;

import io.pgdeck.connect.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one statement to look at its first rows, changing nothing: on a connection of its own
 * (never the monitoring pool), in a READ ONLY transaction that is always rolled back, with
 * statement_timeout and lock_timeout set for that transaction only (behind a pooler the server
 * connection is shared). A statement that would write fails with PostgreSQL's own refusal.
 * Rows come through a cursor in batches of {@link #FETCH_SIZE} (autocommit off and a fetch size
 * make the driver use a portal), so a table of ten million rows is never loaded to show a thousand.
 */
public final class ReadOnlyQuery {

    public static final int MAX_ROWS = 1000;
    static final int FETCH_SIZE = 250;
    /** Session state that a rollback does not undo, which behind a pooler the next client would inherit. */
    private static final Set<String> OUTLIVES_ROLLBACK = Set.of("pg_advisory_lock", "pg_advisory_lock_shared",
            "pg_try_advisory_lock", "pg_try_advisory_lock_shared", "dblink_connect", "dblink_connect_u");

    private final Target target;
    private final Duration statementTimeout;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public ReadOnlyQuery(Target target, Duration statementTimeout) {
        this.target = target;
        this.statementTimeout = statementTimeout;
    }

    /** Checks the text without touching the server: exactly one statement, nothing that outlives a rollback. */
    public static SqlText.Statement check(String sql) throws ExplainException {
        SqlText text = SqlText.of(sql);
        List<SqlText.Statement> statements = text.statements();
        if (statements.isEmpty()) {
            throw new ExplainException("There is nothing to run: type a statement.");
        }
        if (statements.size() > 1) {
            throw new ExplainException("The text holds " + statements.size() + " statements: Run takes one at a time,"
                    + " so keep only the one to run.", statements.get(1).offset(), null);
        }
        if (text.hasParameters()) {
            // PostgreSQL's own answer names the protocol ("bind message supplies 0 parameters"), not the fix
            throw new ExplainException("The statement has $1-style parameters: put values in their place to run it.");
        }
        for (SqlText.Word word : text.words()) {
            boolean prepare = word == text.words().get(0) && word.lower().equals("prepare") && !word.quoted();
            if (prepare || (!word.quoted() && word.next() == '(' && OUTLIVES_ROLLBACK.contains(word.lower()))) {
                throw new ExplainException((prepare ? "PREPARE" : word.lower() + "()") + " outlives the rollback that"
                        + " ends every Run, and would stay on the server connection: run it in psql.", word.offset(), null);
            }
        }
        return statements.get(0);
    }

    /**
     * Runs the statement and reads its first {@link #MAX_ROWS} rows, on the calling thread (never
     * the JavaFX thread); the transaction is rolled back whatever happens.
     */
    public QueryResult run(String sql) throws ExplainException {
        SqlText.Statement statement = check(sql);
        cancelled.set(false);
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        boolean more = false;
        // the extended protocol, unlike the simple one, fetches a result in batches; behind a
        // pooler the target already turns server-side prepared statements off
        try (Connection conn = target.openActionConnection(false)) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.setEscapeProcessing(false); // the user's text goes to PostgreSQL as typed, {fn ...} and all
                ExplainRunner.begin(st, true, statementTimeout);
                st.setFetchSize(FETCH_SIZE);
                st.setMaxRows(MAX_ROWS + 1);
                running.set(st);
                try {
                    if (st.execute(statement.text())) {
                        try (ResultSet rs = st.getResultSet()) {
                            ResultSetMetaData meta = rs.getMetaData();
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                columns.add(meta.getColumnLabel(c));
                                types.add(meta.getColumnTypeName(c));
                            }
                            while (rs.next()) {
                                if (rows.size() == MAX_ROWS) {
                                    more = true;
                                    break;
                                }
                                List<String> row = new ArrayList<>(columns.size());
                                for (int c = 1; c <= columns.size(); c++) {
                                    row.add(rs.getString(c));
                                }
                                rows.add(row);
                            }
                        }
                    }
                } finally {
                    running.set(null);
                }
            } finally {
                conn.rollback();
            }
        } catch (SQLException e) {
            throw failure(e, statement);
        }
        return new QueryResult(statement.text(), columns, types, rows, more, at, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Stops the running statement, if any (the protocol's cancel request, through a pooler too). */
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            cancelled.set(true);
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished meanwhile
            }
        }
    }

    private ExplainException failure(SQLException e, SqlText.Statement statement) {
        if ("57014".equals(e.getSQLState())) {
            return new ExplainException(cancelled.get() ? "Cancelled: the statement was stopped; nothing was kept."
                    : "Stopped: the statement ran past statement_timeout (" + TimeoutText.of(statementTimeout) + "); nothing was kept.", -1, e);
        }
        return ExplainException.fromServer(e, at -> statement.offset() + at - 1);
    }
}
