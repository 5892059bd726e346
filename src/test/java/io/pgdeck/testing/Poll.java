package io.pgdeck.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits for something another process or thread brings about, up to a deadline. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /** Runs {@code assertion} until it passes; after {@code deadline} its last failure is thrown. */
    public static void until(Duration deadline, Runnable assertion) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
