package io.pgdeck.app;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Connects while the JavaFX toolkit starts: the two take about as long as each other, so doing
 * them one after the other would double the wait for the first numbers on screen.
 */
final class EarlyStart {

    /** What the start-up produced: the demo or the named server, and the target opened on it. */
    record Opened(StartupTarget startup, Target target) {}

    private static CompletableFuture<Opened> begun;

    private EarlyStart() {}

    static synchronized void begin(List<String> args) {
        if (begun == null) {
            begun = CompletableFuture.supplyAsync(() -> open(args), runnable -> {
                Thread t = new Thread(runnable, "pgdeck-startup");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** The start-up begun by the launcher, or one begun now (when the app was started otherwise, e.g. by tests). */
    static synchronized CompletableFuture<Opened> take(List<String> args) {
        begin(args);
        CompletableFuture<Opened> taken = begun;
        begun = null;
        return taken;
    }

    private static Opened open(List<String> args) {
        StartupTarget startup = StartupTarget.from(args);
        try {
            return new Opened(startup, Target.open(startup.profile(), TargetOptions.defaults()));
        } catch (Exception e) {
            startup.close();
            throw new Failed(startup.profile(), e);
        }
    }

    /**
     * The start-up target was read but could not be opened: what was tried goes back into the
     * connect dialog, so host, port and database need no retyping.
     */
    static final class Failed extends RuntimeException {
        private final transient ConnectionProfile tried;

        Failed(ConnectionProfile tried, Throwable cause) {
            super(Problems.describe(cause, tried), cause);
            this.tried = tried;
        }

        ConnectionProfile tried() {
            return tried;
        }
    }
}
