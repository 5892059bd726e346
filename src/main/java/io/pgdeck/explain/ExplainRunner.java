package io.pgdeck.explain;

import io.pgdeck.connect.ServerVersion;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TransactionTimeouts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs EXPLAIN safely by construction: one statement only; on its own connection (never the
 * monitoring pool), in the simple query protocol so the text reaches PostgreSQL as typed; always in a
 * transaction that is rolled back, with statement_timeout and lock_timeout set for that transaction only
 * (so nothing stays behind on a server connection PgBouncer shares). Before ANALYZE runs anything,
 * {@link EffectProbe} asks the server what the statement would do besides reading; a statement with
 * side effects runs only once the user confirmed them, and one without runs read-only, so a write
 * the probe missed fails instead of running. Errors come back with PostgreSQL's message and the
 * position in the user's text. When a foreign key's trigger ran, the same transaction asks the
 * catalog, before the rollback, whether its referencing columns have an index ({@link ForeignKeyIndex}).
 */
public final class ExplainRunner {

    /** A statement stuck behind a row lock should fail soon, not hold its own locks meanwhile. */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);

    private final Target target;
    private final Duration statementTimeout;
    private final AtomicReference<Statement> running = new AtomicReference<>();

    public ExplainRunner(Target target, Duration statementTimeout) {
        this.target = target;
        this.statementTimeout = statementTimeout;
    }

    public ServerVersion version() {
        return target.version();
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** Whether GENERIC_PLAN can be offered on this server. */
    public boolean genericPlanAvailable() {
        return target.version().atLeast(ExplainOptions.GENERIC_PLAN_SINCE);
    }

    /** Checks the text without touching the server: exactly one statement, options that go together. */
    public ExplainRequest prepare(String sql, ExplainOptions options) throws ExplainException {
        return prepare(sql, options, target.version());
    }

    public static ExplainRequest prepare(String sql, ExplainOptions options, ServerVersion version)
            throws ExplainException {
        SqlText text = SqlText.of(sql);
        int count = text.statements().size();
        if (count == 0) {
            throw new ExplainException("There is nothing to explain: type a statement.");
        }
        if (count > 1) {
            throw new ExplainException("The text holds " + count + " statements: EXPLAIN takes one at a time,"
                    + " so keep only the one to explain.", text.statements().get(1).offset(), null);
        }
        SqlText.Statement statement = text.statements().get(0);
        if (!text.words().isEmpty() && text.words().get(0).lower().equals("explain")) {
            throw new ExplainException("Leave EXPLAIN out: pgdeck adds it with the options you choose.",
                    statement.offset(), null);
        }
        if (options.genericPlan() && !version.atLeast(ExplainOptions.GENERIC_PLAN_SINCE)) {
            throw new ExplainException("GENERIC_PLAN needs PostgreSQL " + ExplainOptions.GENERIC_PLAN_SINCE
                    + " or later; this server is " + version + ".");
        }
        if (options.genericPlan() && options.analyze()) {
            throw new ExplainException("GENERIC_PLAN plans without parameter values, so it cannot run the"
                    + " statement: choose ANALYZE or GENERIC_PLAN, not both.");
        }
        return new ExplainRequest(statement, options);
    }

    /**
     * Runs the EXPLAIN on a connection of its own and rolls everything back, on the calling
     * thread (never the JavaFX thread). Under ANALYZE the plain plan is inspected first, in a
     * read-only transaction; side effects found there stop the run unless confirmed.
     *
     * @param sideEffectsConfirmed the user said yes to what {@link UnconfirmedSideEffects} named
     * @throws UnconfirmedSideEffects ANALYZE would have side effects and they were not confirmed; nothing ran
     */
    public ExplainResult run(ExplainRequest request, boolean sideEffectsConfirmed) throws ExplainException {
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        PlanAnalysis analysis;
        SideEffects effects = SideEffects.NONE;
        ExplainRequest sent = request;
        try (Connection conn = target.openActionConnection(true)) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.setEscapeProcessing(false); // the user's text goes to PostgreSQL as typed, {fn ...} and all
                begin(st, true, statementTimeout);
                running.set(st);
                if (request.options().analyze()) {
                    sent = request.probe();
                    effects = EffectProbe.of(st, sent);
                    if (!effects.none()) {
                        if (!sideEffectsConfirmed) {
                            throw new UnconfirmedSideEffects(effects);
                        }
                        conn.rollback(); // read-only cannot be undone within a transaction
                        begin(st, false, statementTimeout);
                    }
                    sent = request;
                }
                String json;
                try (ResultSet rs = st.executeQuery(request.sql())) {
                    rs.next();
                    json = rs.getString(1);
                }
                Plan plan = parsed(json);
                // before the rollback: a table the statement created is still there to be asked about
                analysis = PlanAnalysis.of(plan, ForeignKeyIndex.of(conn, plan.triggers()));
            } finally {
                running.set(null);
                conn.rollback();
            }
        } catch (SQLException e) {
            throw failure(e, sent);
        }
        return new ExplainResult(request.statement().text(), request.options(), analysis, at,
                Duration.ofNanos(System.nanoTime() - t0), effects);
    }

    private static Plan parsed(String json) throws ExplainException {
        try {
            return PlanParser.parse(json);
        } catch (PlanFormatException e) {
            throw new ExplainException(e.getMessage(), -1, e);
        }
    }

    /**
     * Read-only unless side effects were confirmed; the timeouts for this transaction only (a
     * pooler shares the rest). Also how {@link ReadOnlyQuery} begins.
     */
    static void begin(Statement st, boolean readOnly, Duration statementTimeout) throws SQLException {
        if (readOnly) {
            st.execute("SET TRANSACTION READ ONLY");
        }
        st.execute(TransactionTimeouts.sql(statementTimeout, LOCK_TIMEOUT));
    }

    /** Cancels the EXPLAIN that is running, if any; it then fails with "cancelled". */
    public void cancel() {
        Statement st = running.get();
        if (st != null) {
            try {
                st.cancel();
            } catch (SQLException ignored) {
                // it finished meanwhile
            }
        }
    }

    private ExplainException failure(SQLException e, ExplainRequest request) {
        if ("57014".equals(e.getSQLState())) {
            return new ExplainException("Cancelled: the statement ran past statement_timeout ("
                    + TimeoutText.of(statementTimeout) + ") or was cancelled; nothing was kept.", -1, e);
        }
        return ExplainException.fromServer(e, at -> editorPosition(at, request));
    }

    /** PostgreSQL counts from 1 in the EXPLAIN it received; the editor from 0 in the user's text. */
    static int editorPosition(int serverPosition, ExplainRequest request) {
        if (serverPosition <= 0) {
            return -1;
        }
        int inStatement = serverPosition - 1 - request.prefix().length();
        return inStatement < 0 ? -1 : request.statement().offset() + inStatement;
    }
}
