package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.Problems;
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
 * The server goes away under a running sampler and comes back on the same data directory and
 * port: refreshes fail, each within the pool's time-outs (never a hang), and good samples resume
 * with no intervention. A server of its own, since stopping a shared one would break other tests.
 */
class SamplerRecoveryTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final TargetOptions OPTIONS =
            new TargetOptions(2, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1));

    @TempDir
    Path tmp;

    @Test
    void samplesFailWhileTheServerIsDownAndResumeWhenItIsBack() throws Exception {
        List<Delivered> delivered = Collections.synchronizedList(new ArrayList<>());
        try (RestartablePostgres server = new RestartablePostgres(tmp.resolve("data"));
             Target target = Target.open(server.profile(), OPTIONS); Sampler sampler = new Sampler(INTERVAL)) {
            ServerReader reader = new ServerReader(target);
            LiveFeed.every(sampler, 1, "databaseStats", reader::databaseStats, s -> delivered.add(new Delivered(System.nanoTime(), s)));
            sampler.start();
            await("three good samples").atMost(Duration.ofSeconds(30)).until(() -> countSince(delivered, 0, true) >= 3);

            long stopAsked = System.nanoTime();
            server.stop();
            long stopped = System.nanoTime();
            await("three failed samples while the server is down").atMost(Duration.ofSeconds(30)).until(() -> countSince(delivered, stopped, false) >= 3);
            long lastFailed = System.nanoTime();

            server.start();
            long restarted = System.nanoTime();
            Delivered firstGood = await("a good sample after the restart").atMost(Duration.ofSeconds(60)).until(
                    () -> firstSince(delivered, restarted, true), d -> d != null);
            await("good samples keep coming").atMost(Duration.ofSeconds(10)).until(() -> countSince(delivered, firstGood.at, true) >= 5);

            List<Delivered> down = since(delivered, stopped);
            down = down.subList(0, down.indexOf(firstGood));
            // Each refresh while down ends within the pool's wait for a connection (plus a tick
            // and scheduling slack), so the screens keep saying the server is away.
            Duration bound = OPTIONS.connectTimeout().plus(Duration.ofSeconds(1));
            for (Delivered d : down) {
                if (!d.sample.ok()) {
                    assertThat(d.sample.took()).as("a failed refresh while down").isLessThanOrEqualTo(bound);
                }
            }
            assertThat(largestGap(down, stopped, firstGood.at)).as("time between two samples while down")
                    .isLessThanOrEqualTo(bound.plus(INTERVAL));
            assertThat(down).filteredOn(d -> !d.sample.ok()).extracting(d -> Problems.describe(d.sample.error()))
                    .isSubsetOf("The server is shutting down or restarting; pgdeck reconnects by itself.",
                            "Connection refused: is PostgreSQL running and listening on that host and port?");
            @SuppressWarnings("unchecked")
            List<DatabaseStats> stats = (List<DatabaseStats>) firstGood.sample.value();
            assertThat(stats).extracting(DatabaseStats::database).contains("postgres");

            System.out.printf("SamplerRecoveryTest: stop took %d ms; %d samples while down (%d failed), largest gap %d ms;"
                            + " first good sample %d ms after the restarted server was ready (%d ms after the stop)%n",
                    ms(stopped - stopAsked), down.size(), down.stream().filter(d -> !d.sample.ok()).count(),
                    largestGap(down, stopped, firstGood.at).toMillis(), ms(firstGood.at - restarted),
                    ms(firstGood.at - stopped));
            System.out.printf("SamplerRecoveryTest: last failed seen %d ms before restart; failures: %s%n",
                    ms(restarted - lastFailed), down.stream().filter(d -> !d.sample.ok())
                            .map(d -> d.sample.took().toMillis() + " ms " + Problems.describe(d.sample.error()))
                            .distinct().toList());
        }
    }

    private record Delivered(long at, Sample<?> sample) {}

    private static List<Delivered> since(List<Delivered> delivered, long from) {
        synchronized (delivered) {
            return delivered.stream().filter(d -> d.at >= from).toList();
        }
    }

    private static long countSince(List<Delivered> delivered, long from, boolean ok) {
        return since(delivered, from).stream().filter(d -> d.sample.ok() == ok).count();
    }

    private static Delivered firstSince(List<Delivered> delivered, long from, boolean ok) {
        return since(delivered, from).stream().filter(d -> d.sample.ok() == ok).findFirst().orElse(null);
    }

    private static Duration largestGap(List<Delivered> down, long from, long to) {
        long previous = from;
        long largest = 0;
        for (Delivered d : down) {
            largest = Math.max(largest, d.at - previous);
            previous = d.at;
        }
        return Duration.ofNanos(Math.max(largest, to - previous));
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
