package io.pgdeck.cli.action;

import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.PlannedAction;
import io.pgdeck.action.Progress;
import io.pgdeck.cli.Cli;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One confirmed plan running in a terminal: progress on stderr when it changes, and Ctrl+C sends
 * the runner's cancel, then waits briefly for the runner to report the cancel and write its audit
 * line before the JVM goes.
 */
final class TerminalRun {

    /** Long enough for a cancel request to reach the server and the audit line to be written. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private final Interrupts interrupts;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AtomicReference<String> lastProgress = new AtomicReference<>("");

    TerminalRun(Interrupts interrupts, PrintWriter out, PrintWriter err) {
        this.interrupts = interrupts;
        this.out = out;
        this.err = err;
    }

    /** Runs the plan and reports how it ended; the exit code. */
    int run(ActionRunner runner, PlannedAction planned) {
        ActionRunner.Running running = runner.start(planned, this::progress);
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            err.println("pgdeck: cancelling " + planned.title() + "…");
            err.flush();
            running.cancel();
            await(reported);
        }, "pgdeck-action-cancel");
        interrupts.onInterrupt(onCtrlC);
        try {
            return report(planned, running.result().join());
        } finally {
            interrupts.forget(onCtrlC);
            reported.countDown();
        }
    }

    private int report(PlannedAction planned, ActionResult result) {
        if (result.succeeded()) {
            out.println(result.message());
            out.flush();
            return Cli.EXIT_OK;
        }
        err.println("pgdeck: " + planned.title() + ": " + result.message());
        err.flush();
        return ActionCommand.EXIT_FAILED;
    }

    private void progress(Progress p) {
        String line = p.text();
        if (!line.equals(lastProgress.getAndSet(line))) {
            err.println("pgdeck: " + line);
            err.flush();
        }
    }

    private static void await(CountDownLatch reported) {
        try {
            reported.await(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
