package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; each poll is a query, which paces it. */
public final class Await {

    private Await() {}

    public static <T> T until(Duration within, String what, Supplier<T> poll, Predicate<T> done) {
        Instant deadline = Instant.now().plus(within);
        T last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("Not within " + within + ": " + what + "; last: " + last);
            }
            last = poll.get();
        }
        return last;
    }
}
