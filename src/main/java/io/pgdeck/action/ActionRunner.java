package io.pgdeck.action;

import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TransactionTimeouts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every maintenance action goes through: its own connection (never the monitoring
 * pool); lock_timeout and statement_timeout set inside each of its transactions, so they hold
 * through PgBouncer in transaction mode too; the statements PostgreSQL refuses in a transaction
 * block on a session of pgdeck's own, directly on PostgreSQL; progress polled from
 * pg_stat_progress_* by the pid that runs the action; a cancel sent as the protocol's cancel
 * request for the action's running statement; and a line in the audit log whatever the outcome.
 * It runs the {@link PlannedAction} it is given, the one its caller showed, and it alone decides
 * what is refused here, for the window and the command line alike.
 */
public final class ActionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);
    private static final String CANCELLED = "57014";

    private final Target target;
    private final AuditLog auditLog;
    private final BooleanSupplier readOnly;
    private final ActionSettings settings;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "pgdeck-action-progress");
        t.setDaemon(true);
        return t;
    });

    public ActionRunner(Target target, AuditLog auditLog, BooleanSupplier readOnly, ActionSettings settings) {
        this.target = target;
        this.auditLog = auditLog;
        this.readOnly = readOnly;
        this.settings = settings;
    }

    public ActionSettings settings() {
        return settings;
    }

    /** What a standby answers every write with, said before anything is asked. */
    public static final String STANDBY = "This server is a standby: maintenance runs on the primary.";
    public static final String READ_ONLY = "pgdeck is in read-only mode: turn it off to run maintenance actions.";

    /**
     * Why this plan cannot run here, in one sentence, or empty when it can: read-only mode, a
     * write on a standby, or a plan that needs a session of its own behind a transaction pooler
     * without a direct address. The one place these are decided: the window's door and the
     * command line ask it before confirming, and the runner asks it again before running.
     */
    public Optional<String> refusal(PlannedAction planned) {
        if (readOnly.getAsBoolean()) {
            return Optional.of(READ_ONLY);
        }
        if (planned.writes() && planned.action().steps().isEmpty() && target.capabilities().inRecovery()) {
            return Optional.of(STANDBY);
        }
        if (planned.plan().needsSession() && !target.hasSession()) {
            return Optional.of(planned.title() + " cannot run inside a transaction, and the pooler in transaction mode"
                    + " gives pgdeck no session of its own: set a direct address for actions (PostgreSQL's host:port)"
                    + " in the profile.");
        }
        return Optional.empty();
    }

    /**
     * Starts exactly this plan on a thread of its own; the handle cancels it and completes with
     * its result. Refused on the caller's thread: thrown on the action's thread it was lost and
     * the result never completed.
     */
    public Running start(PlannedAction planned, Consumer<Progress> onProgress) {
        refuse(planned);
        Running running = new Running();
        Thread thread = new Thread(() -> {
            try {
                running.result.complete(execute(planned, onProgress, running));
            } catch (RuntimeException e) {
                running.result.completeExceptionally(e);
            }
        }, "pgdeck-action");
        thread.setDaemon(true);
        thread.start();
        return running;
    }

    /** Runs exactly this plan on the calling thread (never the JavaFX thread). */
    public ActionResult run(PlannedAction planned, Consumer<Progress> onProgress) {
        refuse(planned);
        return execute(planned, onProgress, new Running());
    }

    /** Describes and runs at once, for callers that confirm nothing (fixtures, adapters' own tests). */
    public ActionResult run(Action action, Consumer<Progress> onProgress) {
        return run(PlannedAction.of(action), onProgress);
    }

    /** As {@link #run(Action, Consumer)}, started on a thread of its own. */
    public Running start(Action action, Consumer<Progress> onProgress) {
        return start(PlannedAction.of(action), onProgress);
    }

    private void refuse(PlannedAction planned) {
        refusal(planned).ifPresent(sentence -> {
            throw new ActionRefusedException(sentence);
        });
    }

    private ActionResult execute(PlannedAction planned, Consumer<Progress> onProgress, Running running) {
        ActionPlan plan = planned.plan();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ActionResult result;
        var polling = poller.scheduleWithFixedDelay(() -> poll(planned.action().progress(), running.pid.get(), onProgress),
                200, 500, TimeUnit.MILLISECONDS);
        try {
            Optional<Steps> steps = planned.action().steps();
            List<String> returned = steps.isPresent() ? inSteps(plan, steps.get(), running, onProgress)
                    : plan.needsSession() ? inSession(plan, running) : inTransactions(planned, running, onProgress);
            result = new ActionResult(planned, ActionResult.Outcome.SUCCEEDED, planned.action().outcome(returned),
                    returned, since(t0));
        } catch (SQLException e) {
            boolean cancelled = running.cancelRequested.get() && CANCELLED.equals(e.getSQLState());
            result = new ActionResult(planned, cancelled ? ActionResult.Outcome.CANCELLED : ActionResult.Outcome.FAILED,
                    cancelled ? "Cancelled by the user." + committedBefore(planned, running)
                            : Problems.describeAction(e) + detail(e), List.copyOf(running.committed), since(t0));
        } catch (RuntimeException e) {
            result = new ActionResult(planned, ActionResult.Outcome.FAILED, Problems.describeAction(e), List.of(),
                    since(t0));
        } finally {
            polling.cancel(false);
        }
        audit(plan, started, result);
        return result;
    }

    /**
     * Each transaction starts by setting its time-outs for itself and reading the pid that runs
     * it: behind a pooler the next transaction may run on another server connection. A plan
     * committing each statement (a purge's batches) reports after each one how many ran and
     * what they did, so a long purge shows it moves; a cancel stops it at the next batch.
     */
    private List<String> inTransactions(PlannedAction planned, Running running, Consumer<Progress> onProgress)
            throws SQLException {
        ActionPlan plan = planned.plan();
        List<List<String>> transactions = plan.commit() == ActionPlan.Commit.ONE_TRANSACTION
                ? List.of(plan.statements()) : plan.statements().stream().map(List::of).toList();
        String begin = TransactionTimeouts.sql(settings.statementTimeout(), settings.lockTimeout())
                + ", pg_catalog.pg_backend_pid()";
        try (Connection conn = target.openActionConnection(); Statement st = conn.createStatement()) {
            conn.setAutoCommit(false);
            running.statement.set(st);
            for (List<String> transaction : transactions) {
                try {
                    running.throwIfCancelled();
                    try (ResultSet rs = st.executeQuery(begin)) {
                        rs.next();
                        running.pid.set(rs.getInt(3));
                    }
                    List<String> returned = new ArrayList<>();
                    for (String sql : transaction) {
                        execute(st, sql, running, returned);
                    }
                    conn.commit();
                    running.committed(transaction.size(), returned);
                    if (plan.commit() == ActionPlan.Commit.EACH_STATEMENT) {
                        onProgress.accept(new Progress("batch", running.statementsCommitted, plan.statements().size(),
                                planned.action().outcome(running.committed)));
                    }
                } catch (SQLException e) {
                    rollbackQuietly(conn, e);
                    throw e;
                }
            }
        } finally {
            running.statement.set(null);
        }
        return List.copyOf(running.committed);
    }

    /** Statements that cannot run in a transaction block, each committing on its own, in a session of pgdeck's own. */
    private List<String> inSession(ActionPlan plan, Running running) throws SQLException {
        try (Connection conn = target.openSessionConnection(settings.lockTimeout(), settings.statementTimeout());
             Statement st = conn.createStatement()) {
            running.statement.set(st);
            running.throwIfCancelled();
            try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
                rs.next();
                running.pid.set(rs.getInt(1));
            }
            for (String sql : plan.statements()) {
                List<String> one = new ArrayList<>();
                execute(st, sql, running, one);
                running.committed(1, one);
            }
        } finally {
            running.statement.set(null);
        }
        return List.copyOf(running.committed);
    }

    /** Steps run elsewhere (a Redis script each): a cancel stops the action between two of them. */
    private static List<String> inSteps(ActionPlan plan, Steps steps, Running running, Consumer<Progress> onProgress)
            throws SQLException {
        List<String> returned = new ArrayList<>();
        int total = plan.statements().size();
        for (int i = 0; i < total; i++) {
            running.throwIfCancelled();
            returned.addAll(steps.run(i));
            onProgress.accept(new Progress("step", i + 1, total));
        }
        return returned;
    }

    private static void execute(Statement st, String sql, Running running, List<String> returned) throws SQLException {
        running.throwIfCancelled();
        if (st.execute(sql)) {
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    returned.add(rs.getString(1));
                }
            }
        }
    }

    private static void rollbackQuietly(Connection conn, SQLException cause) {
        try {
            conn.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void poll(ProgressSource source, int pid, Consumer<Progress> onProgress) {
        if (pid == 0) {
            return;
        }
        try {
            Optional<Progress> progress = source.read(target.db(), pid);
            progress.ifPresent(onProgress);
        } catch (RuntimeException e) {
            LOG.debug("progress of pid {} unreadable: {}", pid, e.toString());
        }
    }

    private void audit(ActionPlan plan, Instant started, ActionResult result) {
        try {
            auditLog.append(new AuditLog.Entry(started, target.profile().describe(), System.getProperty("user.name"),
                    target.profile().user(), plan.title(), plan.sql(), result.outcome().name(), result.message(),
                    result.took().toMillis()));
        } catch (RuntimeException e) {
            LOG.error("could not write the audit log", e);
        }
    }


    /** What a cancelled plan's statements committed before the cancel, in its own words; empty when none. */
    private static String committedBefore(PlannedAction planned, Running running) {
        if (planned.plan().commit() == ActionPlan.Commit.ONE_TRANSACTION || running.statementsCommitted == 0) {
            return "";
        }
        return " " + Formats.count(running.statementsCommitted) + " of " + Formats.count(planned.plan().statements().size())
                + " statements had committed" + (running.committed.isEmpty() ? "."
                        : ": " + planned.action().outcome(running.committed));
    }

    private static String detail(SQLException e) {
        String message = e.getMessage();
        String described = Problems.describe(e);
        String server = message == null ? "" : firstLine(message).replaceFirst("^(FATAL|ERROR|PANIC): +", "");
        return !server.isEmpty() && !described.toLowerCase(java.util.Locale.ROOT).contains(server.toLowerCase(java.util.Locale.ROOT))
                ? " (" + firstLine(message) + ")" : "";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** A started action: cancel it, or wait for its result. */
    public final class Running {
        private final CompletableFuture<ActionResult> result = new CompletableFuture<>();
        private final AtomicInteger pid = new AtomicInteger();
        private final AtomicReference<Statement> statement = new AtomicReference<>();
        private final AtomicBoolean cancelRequested = new AtomicBoolean();
        /** Rows returned by the statements committed so far, and how many statements: kept through a cancel. */
        private final List<String> committed = new ArrayList<>();
        private volatile int statementsCommitted;

        private void committed(int statements, List<String> returned) {
            committed.addAll(returned);
            statementsCommitted += statements;
        }

        public CompletableFuture<ActionResult> result() {
            return result;
        }

        /**
         * Sends the protocol's cancel request for the action's running statement (PgBouncer
         * passes it to the server connection that runs it, where a pg_cancel_backend of a pid read
         * earlier could hit somebody else's); the result then says CANCELLED.
         */
        public void cancel() {
            if (!cancelRequested.compareAndSet(false, true) || result.isDone()) {
                return;
            }
            // A cancel request stops only a statement in flight: repeat it until the action ends,
            // so one sent while the runner was between two statements is not lost.
            ScheduledFuture<?> repeat = poller.scheduleWithFixedDelay(this::cancelStatement, 0, 250,
                    TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> repeat.cancel(false));
        }

        private void cancelStatement() {
            Statement st = statement.get();
            if (st != null) {
                try {
                    st.cancel();
                } catch (SQLException e) {
                    LOG.debug("cancel request not sent: {}", e.toString());
                }
            }
        }

        private void throwIfCancelled() throws SQLException {
            if (cancelRequested.get()) {
                throw new SQLException("canceling statement due to user request", CANCELLED);
            }
        }
    }
}
