package io.pgdeck.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waits for a condition by polling it until a deadline, instead of sleeping for a guessed time:
 * a test is as fast as the server allows and fails with what it waited for when it is not.
 */
public final class Eventually {

    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Eventually() {}

    /** Polls {@code probe} until its value satisfies {@code done}; returns that value. */
    public static <T> T until(Duration timeout, String what, Callable<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError(
                        "not within " + timeout.toMillis() + " ms: " + what + " (last seen: " + last + ")");
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            pause();
        }
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, what, condition::getAsBoolean, Boolean::booleanValue);
    }

    /**
     * Retries a block of assertions until it passes; past the deadline its last failure is thrown.
     * A runtime exception counts as "not yet" too: a row the screen has not read yet is a null.
     */
    public static void untilAsserted(Duration timeout, Runnable assertions) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                assertions.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            pause();
        }
    }

    /**
     * Checks that a condition holds for the whole period: the only way to show that something
     * does not happen (a paused sampler stays quiet) without a bare sleep.
     */
    public static void holdsFor(Duration period, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("stopped holding within " + period.toMillis() + " ms: " + what);
            }
            pause();
        } while (System.nanoTime() - end < 0);
        if (!condition.getAsBoolean()) {
            throw new AssertionError("stopped holding at the end of " + period.toMillis() + " ms: " + what);
        }
    }

    private static void pause() {
        LockSupport.parkNanos(PAUSE_NANOS);
    }
}
