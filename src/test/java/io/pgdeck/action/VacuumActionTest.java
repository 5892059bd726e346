package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.BloatFixture;
import io.pgdeck.catalog.TableVacuum;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VACUUM and ANALYZE through the action runner on a bloated table whose names need quoting.
 * The database's vacuum_cost_delay slows them to seconds, so progress has phases to show.
 */
class VacuumActionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ActionSettings SETTINGS = new ActionSettings(Duration.ofSeconds(1), Duration.ofMinutes(2));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void vacuumWithAnalyzeReportsPhasesAndClearsDeadTuples(TestPostgres pg) {
        ConnectionProfile db = bloated(pg, "1ms", 10);
        try (Target target = pg.openTarget(db)) {
            TableVacuum before = vacuumState(target);
            assertThat(before.deadTuples()).isPositive();
            assertThat(before.lastVacuum()).isNull();
            assertThat(before.settings().enabled()).as("autovacuum_enabled = false on the table").isFalse();
            assertThat(before.tuned()).isTrue();
            assertThat(before.settings().vacuumScaleFactor()).as("the table's own scale factor").isEqualTo(0.05);
            assertThat(before.vacuumDue()).isTrue();

            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
            List<Progress> progress = new CopyOnWriteArrayList<>();
            VacuumAction action = new VacuumAction(BloatFixture.RELATION, true, false);
            ActionResult result = new ActionRunner(target, audit, () -> false, SETTINGS).run(action, progress::add);

            assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
            assertThat(result.message()).startsWith("Vacuumed " + BloatFixture.RELATION + ": size ").contains("before")
                    .contains("after");
            assertThat(progress).extracting(Progress::phase).anyMatch(p -> p.startsWith("vacuum: "));
            assertThat(audit.read()).singleElement().satisfies(e -> {
                assertThat(e.sql()).contains("VACUUM (ANALYZE) \"Odd \"\"Schema\"\" ä\".\"Bloated Tåble \"\"x\"\"\"");
                assertThat(e.outcome()).isEqualTo("SUCCEEDED");
            });
            await().atMost(WAIT).untilAsserted(() -> {
                TableVacuum after = vacuumState(target);
                assertThat(after.lastVacuum()).isNotNull();
                assertThat(after.lastAnalyze()).isNotNull();
                assertThat(after.deadTuples()).isZero();
                assertThat(after.vacuumCount()).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void analyzeReportsPhasesAndSetsLastAnalyze(TestPostgres pg) {
        ConnectionProfile db = bloated(pg, "2ms", 1);
        pg.execute(db.database(), "UPDATE " + BloatFixture.qualified() + " SET note = 'changed' WHERE id % 10 = 0");
        try (Target target = pg.openTarget(db)) {
            OffsetDateTimeHolder before = new OffsetDateTimeHolder(vacuumState(target).lastAnalyze());
            List<Progress> progress = new CopyOnWriteArrayList<>();
            ActionResult result = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false, SETTINGS)
                    .run(new AnalyzeAction(BloatFixture.RELATION), progress::add);

            assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
            assertThat(result.message()).startsWith("Analyzed ");
            assertThat(progress).extracting(Progress::phase).anyMatch(p -> p.startsWith("analyze: "));
            await().atMost(WAIT).untilAsserted(() -> {
                TableVacuum after = vacuumState(target);
                // before PG15 the fixture's own ANALYZE may not have reached the statistics yet: then none was seen before
                assertThat(after.lastAnalyze()).isNotNull();
                if (before.value() != null) {
                    assertThat(after.lastAnalyze()).isAfter(before.value());
                }
                assertThat(after.modifiedSinceAnalyze()).isZero();
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void vacuumFreezeUnderAWritingWorkloadNeitherFailsNorStallsIt(TestPostgres pg) throws Exception {
        ConnectionProfile db = bloated(pg, "1ms", 10);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong slowestNanos = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        List<SQLException> errors = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> write(pg, db, writing, slowestNanos, writes, errors), "vacuum-test-writer");
        writer.start();
        try (Target target = pg.openTarget(db)) {
            await("the writer writes").atMost(WAIT).until(() -> writes.get() > 10);
            ActionResult result = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false, SETTINGS)
                    .run(new VacuumAction(BloatFixture.RELATION, false, true), p -> {});
            assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        } finally {
            writing.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        System.out.printf("%s: %d writes during VACUUM (FREEZE), slowest %d ms%n", pg, writes.get(),
                slowestNanos.get() / 1_000_000);
        assertThat(errors).isEmpty();
        assertThat(Duration.ofNanos(slowestNanos.get())).isLessThan(SETTINGS.lockTimeout());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aRunningVacuumCanBeCancelled(TestPostgres pg) throws Exception {
        ConnectionProfile db = bloated(pg, "10ms", 1);
        try (Target target = pg.openTarget(db)) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            ActionRunner.Running running = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                    SETTINGS).start(new VacuumAction(BloatFixture.RELATION, false, false), progress::add);
            await("the vacuum reports progress").atMost(WAIT).until(() -> !progress.isEmpty());
            assertThat(new VacuumReader(target).running()).anySatisfy(v -> {
                assertThat(v.table()).isEqualTo(BloatFixture.RELATION);
                assertThat(v.autovacuum()).isFalse();
            });
            running.cancel();
            ActionResult result = running.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
        }
    }

    /** A fresh database with the bloated table, its vacuums slowed by cost-based delay. */
    private static ConnectionProfile bloated(TestPostgres pg, String costDelay, int costLimit) {
        ConnectionProfile db = pg.freshDatabase();
        BloatFixture.plant(pg, db.database());
        pg.execute(db.database(), "ALTER DATABASE " + db.database() + " SET vacuum_cost_delay = '" + costDelay + "'",
                "ALTER DATABASE " + db.database() + " SET vacuum_cost_limit = " + costLimit);
        return db;
    }

    private static TableVacuum vacuumState(Target target) {
        VacuumReader reader = new VacuumReader(target);
        return reader.tables(reader.settings()).stream().filter(t -> t.table().equals(BloatFixture.RELATION))
                .findFirst().orElseThrow();
    }

    private static void write(TestPostgres pg, ConnectionProfile db, AtomicBoolean writing, AtomicLong slowest,
                              AtomicLong writes, List<SQLException> errors) {
        try (Connection c = pg.connect(db.database());
             PreparedStatement update = c.prepareStatement("UPDATE " + BloatFixture.qualified()
                     + " SET note = 'w', \"Kind\" = \"Kind\" + 1 WHERE id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + BloatFixture.qualified()
                     + " (id, \"Kind\", note, created) VALUES (?, 1, 'new', now())")) {
            long nextId = 1_000_000;
            while (writing.get()) {
                long t0 = System.nanoTime();
                update.setLong(1, ThreadLocalRandom.current().nextLong(1, BloatFixture.ROWS));
                update.executeUpdate();
                insert.setLong(1, nextId++);
                insert.executeUpdate();
                slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                writes.incrementAndGet();
            }
        } catch (SQLException e) {
            errors.add(e);
        }
    }

    private record OffsetDateTimeHolder(java.time.OffsetDateTime value) {}
}
