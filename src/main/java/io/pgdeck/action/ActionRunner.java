package io.pgdeck.action;

import io.pgdeck.connect.Problems;
import io.pgdeck.connect.Target;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door every maintenance action goes through: its own connection (never the monitoring
 * pool), lock_timeout and statement_timeout, progress polled from pg_stat_progress_*, a cancel
 * that calls pg_cancel_backend on the action's own pid, and a line in the audit log whatever
 * the outcome.
 */
public final class ActionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    private final Target target;
    private final AuditLog auditLog;
    private final BooleanSupplier readOnly;
    private final ActionSettings settings;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
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

    /** Starts the action on a thread of its own; the handle cancels it and completes with its result. */
    public Running start(Action action, Consumer<Progress> onProgress) {
        // Refused here, on the caller's thread: thrown on the action's thread it was lost and the
        // result never completed.
        refuseInReadOnlyMode();
        Running running = new Running();
        Thread thread = new Thread(() -> {
            try {
                running.result.complete(run(action, onProgress, running));
            } catch (RuntimeException e) {
                running.result.completeExceptionally(e);
            }
        }, "pgdeck-action");
        thread.setDaemon(true);
        thread.start();
        return running;
    }

    /** Runs the action on the calling thread (never the JavaFX thread). */
    public ActionResult run(Action action, Consumer<Progress> onProgress) {
        return run(action, onProgress, new Running());
    }

    private ActionResult run(Action action, Consumer<Progress> onProgress, Running running) {
        refuseInReadOnlyMode();
        ActionPlan plan = action.plan();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ActionResult result;
        try (Connection conn = target.openActionConnection()) {
            int pid = prepare(conn);
            running.pid.set(pid);
            if (running.cancelRequested.get()) {
                throw new SQLException("canceling statement due to user request", "57014");
            }
            var polling = poller.scheduleWithFixedDelay(() -> poll(action.progress(), pid, onProgress),
                    200, 500, TimeUnit.MILLISECONDS);
            try {
                List<String> returned = execute(conn, plan);
                result = new ActionResult(ActionResult.Outcome.SUCCEEDED, action.outcome(returned), returned, since(t0));
            } finally {
                polling.cancel(false);
            }
        } catch (SQLException e) {
            boolean cancelled = running.cancelRequested.get() && "57014".equals(e.getSQLState());
            result = new ActionResult(cancelled ? ActionResult.Outcome.CANCELLED : ActionResult.Outcome.FAILED,
                    cancelled ? "Cancelled by the user." : Problems.describeAction(e) + detail(e), List.of(), since(t0));
        } catch (RuntimeException e) {
            result = new ActionResult(ActionResult.Outcome.FAILED, Problems.describeAction(e), List.of(), since(t0));
        }
        audit(plan, started, result);
        return result;
    }

    private void refuseInReadOnlyMode() {
        if (readOnly.getAsBoolean()) {
            throw new ReadOnlyModeException();
        }
    }

    private int prepare(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
            st.execute("SET statement_timeout = " + settings.statementTimeout().toMillis());
            try (ResultSet rs = st.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> execute(Connection conn, ActionPlan plan) throws SQLException {
        List<String> returned = new ArrayList<>();
        conn.setAutoCommit(plan.autocommit());
        try (Statement st = conn.createStatement()) {
            for (String sql : plan.statements()) {
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        while (rs.next()) {
                            returned.add(rs.getString(1));
                        }
                    }
                }
            }
            if (!plan.autocommit()) {
                conn.commit();
            }
        } catch (SQLException e) {
            if (!plan.autocommit()) {
                conn.rollback();
            }
            throw e;
        }
        return returned;
    }

    private void poll(ProgressSource source, int pid, Consumer<Progress> onProgress) {
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


    private static String detail(SQLException e) {
        String message = e.getMessage();
        String described = Problems.describe(e);
        return message != null && !described.contains(firstLine(message)) ? " (" + firstLine(message) + ")" : "";
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
        private final AtomicBoolean cancelRequested = new AtomicBoolean();

        public CompletableFuture<ActionResult> result() {
            return result;
        }

        /** Asks PostgreSQL to cancel the action's statement; the result then says CANCELLED. */
        public void cancel() {
            cancelRequested.set(true);
            int p = pid.get();
            if (p != 0 && !result.isDone()) {
                target.db().select(org.jooq.impl.DSL.field("pg_catalog.pg_cancel_backend({0})", Boolean.class,
                        org.jooq.impl.DSL.val(p))).fetch();
            }
        }
    }
}
