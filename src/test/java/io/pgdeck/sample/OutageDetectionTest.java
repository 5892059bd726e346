package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.LiveFeed;
import io.pgdeck.testing.RestartablePostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How soon a stopped server shows, at the settings a user starts with (the default pool options
 * and a one-second refresh): the first failed refresh must reach the screens within 2 s of the
 * stop, so the status bar never shows numbers from a dead server as live for long.
 */
class OutageDetectionTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void aStoppedServerIsReportedWithinTwoSeconds() throws Exception {
        List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
        try (RestartablePostgres server = new RestartablePostgres(tmp.resolve("data"));
             Target target = Target.open(server.profile(), TargetOptions.defaults()); Sampler sampler = new Sampler(INTERVAL)) {
            ServerReader reader = new ServerReader(target);
            LiveFeed.every(sampler, 1, "databaseStats", reader::databaseStats, s -> delivered.add(new Delivered(System.nanoTime(), s)));
            sampler.start();
            await("three good samples").atMost(Duration.ofSeconds(30)).until(() -> count(delivered, 0, true) >= 3);

            // measured from the moment the server is gone, not from when stop() was asked
            server.stop();
            long stopped = System.nanoTime();
            Delivered firstFailed = await("a failed refresh after the stop").atMost(Duration.ofSeconds(30)).until(
                    () -> first(delivered, stopped, false), d -> d != null);
            Duration noticed = Duration.ofNanos(firstFailed.at - stopped);
            System.out.printf("OutageDetectionTest: stopped server reported after %d ms (the refresh took %d ms)%n",
                    noticed.toMillis(), firstFailed.sample.took().toMillis());
            assertThat(noticed).as("time from the stop to the first failed refresh").isLessThanOrEqualTo(WITHIN);
            assertThat(count(delivered, stopped, true)).as("good samples after the stop").isZero();
        }
    }

    private record Delivered(long at, Sample<?> sample) {}

    private static long count(List<Delivered> delivered, long from, boolean ok) {
        synchronized (delivered) {
            return delivered.stream().filter(d -> d.at >= from && d.sample.ok() == ok).count();
        }
    }

    private static Delivered first(List<Delivered> delivered, long from, boolean ok) {
        synchronized (delivered) {
            return delivered.stream().filter(d -> d.at >= from && d.sample.ok() == ok).findFirst().orElse(null);
        }
    }
}
