package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.testing.TestPostgres;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A busy monitoring pool is waited on: with its only connection lent out to a slow read, the
 * next reader gets the connection once it is back, well past the short wait that makes a
 * stopped server show quickly (OutageDetectionTest).
 */
class PooledConnectionsTest {

    private static final TargetOptions ONE_CONNECTION = new TargetOptions(1, Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(1));

    @Test
    void aReaderWaitsForABusyPoolPastTheShortWait() throws Exception {
        try (Target target = Target.open(TestPostgres.NEWEST.profile("postgres"), ONE_CONNECTION)) {
            CompletableFuture<Object> slow = CompletableFuture.supplyAsync(
                    () -> target.db().fetchValue("SELECT pg_sleep(1.5)"));
            await("the only connection lent out").atMost(Duration.ofSeconds(10)).until(() -> target.poolStats().active() == 1);

            long t0 = System.nanoTime();
            Integer one = target.db().fetchValue(DSL.inline(1));
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);

            assertThat(one).isEqualTo(1);
            assertThat(waited).as("waited for the busy connection").isGreaterThan(Target.BORROW_WAIT);
            slow.get(10, TimeUnit.SECONDS);
        }
    }
}
