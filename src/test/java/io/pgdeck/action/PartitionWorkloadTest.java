package io.pgdeck.action;

import static io.pgdeck.catalog.PartitionFixtures.start;
import static io.pgdeck.catalog.PartitionFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.catalog.PartitionPlanner;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under a writing workload (inserts into the sets, reads of the matview), pgdeck creates and
 * detaches partitions and refreshes concurrently: the workload sees no error and never waits
 * longer than the actions' lock_timeout (plus the machine's slack).
 */
class PartitionWorkloadTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration LONGEST_TOLERATED_WAIT = LOCK_TIMEOUT.plusMillis(1500);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theWorkloadKeepsGoing(TestPostgres pg) throws Exception {
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), PartitionFixtures.schema());
        List<String> metrics = new ArrayList<>(List.of(
                "CREATE TABLE metrics (at timestamptz NOT NULL, v int) PARTITION BY RANGE (at)"));
        for (int m : new int[] {-2, -1, 0}) {
            metrics.add("CREATE TABLE metrics_" + suffix(m) + " PARTITION OF metrics FOR VALUES FROM ('" + start(m)
                    + "') TO ('" + start(m + 1) + "')");
        }
        metrics.add("CREATE MATERIALIZED VIEW mv_kinds AS SELECT kind, count(*) AS n FROM events GROUP BY kind");
        metrics.add("CREATE UNIQUE INDEX ON mv_kinds (kind)");
        pg.execute(profile.database(), metrics.toArray(String[]::new));

        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong longestNanos = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService workers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        String[] work = {
            "INSERT INTO events (kind, created_at) VALUES ('live', now())",
            "INSERT INTO metrics VALUES (now(), 1)",
            "SELECT sum(n) FROM mv_kinds"};
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // bounded whatever happens
        for (String sql : work) {
            running.add(workers.submit(() -> {
                try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement()) {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        st.execute(sql);
                        longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        statements.incrementAndGet();
                    }
                } catch (SQLException e) {
                    errors.add(e);
                }
                return null;
            }));
        }

        List<ActionResult> results = new ArrayList<>();
        try (Target target = pg.openTarget(profile)) {
            ActionRunner runner = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                    new ActionSettings(LOCK_TIMEOUT, Duration.ofSeconds(60)));
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            List<PartitionSet> sets = new PartitionReader(target).sets();
            PartitionSet events = sets.stream().filter(s -> s.name().equals("events")).findFirst().orElseThrow();
            PartitionSet metricSet = sets.stream().filter(s -> s.name().equals("metrics")).findFirst().orElseThrow();
            List<NewPartition> next = PartitionPlanner.next(events, 3, now);
            results.add(runner.run(new CreatePartitionsAction(new Relation("public", "events"), next, true), p -> {}));
            results.add(runner.run(new CreatePartitionsAction(new Relation("public", "metrics"),
                    PartitionPlanner.next(metricSet, 2, now), false), p -> {}));
            results.add(runner.run(DetachPartitionAction.of(new Relation("public", "metrics"),
                    new Relation("public", "metrics_" + suffix(-2)), target.version(), false), p -> {}));
            results.add(runner.run(DetachPartitionAction.of(new Relation("public", "events"),
                    new Relation("public", "events_" + suffix(-3)), target.version(), true), p -> {}));
            Matview kinds = new MatviewReader(target).matviews().get(0);
            for (int i = 0; i < 3; i++) {
                results.add(runner.run(new RefreshMatviewAction(kinds), p -> {}));
            }
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
            workers.shutdownNow();
        }

        System.out.printf("PartitionWorkloadTest %s: %d workload statements, longest %d ms, actions %s%n", pg,
                statements.get(), TimeUnit.NANOSECONDS.toMillis(longestNanos.get()),
                results.stream().map(r -> r.outcome() + " " + r.took().toMillis() + " ms").toList());
        assertThat(errors).as("workload errors").isEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.succeeded()).as(r.message()).isTrue());
        assertThat(Duration.ofNanos(longestNanos.get())).isLessThan(LONGEST_TOLERATED_WAIT);
        assertThat(statements.get()).isPositive();
    }
}
