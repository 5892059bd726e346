package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.IndexClassifier;
import io.pgdeck.catalog.IndexDefinition;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IndexActionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Long enough that holding an old snapshot to watch the reindex wait does not trip it. */
    private static final ActionSettings PATIENT = new ActionSettings(Duration.ofSeconds(60), Duration.ofMinutes(5));
    private static final String SCHEMA = "Wé ird \"sch\" ema";
    private static final String TABLE = "Tab \"le\" ü";
    private static final String INDEX = "Idx \"q\" it's ñ 日本";
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE bloated (id int PRIMARY KEY, v int) WITH (autovacuum_enabled = false)",
            "INSERT INTO bloated SELECT g, g FROM generate_series(1, 100000) g",
            "CREATE INDEX bloated_v ON bloated (v)",
            "UPDATE bloated SET v = v + 1",
            "UPDATE bloated SET v = v + 1",
            "DELETE FROM bloated WHERE id % 10 <> 0",
            "CREATE TABLE cancelled (id int PRIMARY KEY, v int)",
            "INSERT INTO cancelled SELECT g, g FROM generate_series(1, 20000) g",
            "CREATE INDEX cancelled_v ON cancelled (v)",
            "CREATE TABLE busy (id int PRIMARY KEY, v int)",
            "INSERT INTO busy SELECT g, g FROM generate_series(1, 100000) g",
            "CREATE INDEX busy_v ON busy (v)",
            "CREATE TABLE dup (id int PRIMARY KEY, v int)",
            "INSERT INTO dup VALUES (1, 7), (2, 7)",
            "CREATE SCHEMA " + quote(SCHEMA),
            "CREATE TABLE " + quote(SCHEMA) + "." + quote(TABLE) + " (id int PRIMARY KEY, " + quote("Wert ü") + " int)",
            "INSERT INTO " + quote(SCHEMA) + "." + quote(TABLE) + " SELECT g, g FROM generate_series(1, 1000) g",
            "CREATE INDEX " + quote(INDEX) + " ON " + quote(SCHEMA) + "." + quote(TABLE) + " (" + quote("Wert ü") + ")");

    @TempDir
    Path tmp;

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void reindexShrinksABloatedIndexAndReportsItsPhases(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        IndexDefinition bloated = index(target, "bloated_v");
        List<Progress> seen = new CopyOnWriteArrayList<>();
        ActionRunner.Running running;
        try (Connection oldSnapshot = holdSnapshot(pg)) {
            running = runner(target, PATIENT).start(new ReindexIndexAction(bloated.qualifiedName()), seen::add);
            // REINDEX CONCURRENTLY waits for transactions older than its build: the phase shows it
            await("the reindex waits for the old snapshot").atMost(WAIT).until(() -> seen.stream().anyMatch(p -> p.phase().startsWith("waiting for old snapshots")));
            oldSnapshot.rollback();
        }
        ActionResult result = running.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        SizeChange sizes = SizeChange.of(result.returned()).orElseThrow();
        assertThat(sizes.before()).isEqualTo(bloated.sizeBytes());
        assertThat(sizes.after()).isLessThan(sizes.before() / 2);
        assertThat(result.message()).startsWith("Reindexed: ").contains(" before, ").contains(" after");
        assertThat(seen).extracting(Progress::phase).isNotEmpty();
        assertThat(index(target, "bloated_v").sizeBytes()).isEqualTo(sizes.after());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aCancelledReindexLeavesAnInvalidCopyThatIsShownAndDropped(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        ActionRunner runner = runner(target, PATIENT);
        CompletableFuture<Progress> first = new CompletableFuture<>();
        ActionRunner.Running running;
        try (Connection oldSnapshot = holdSnapshot(pg)) {
            running = runner.start(new ReindexIndexAction(index(target, "cancelled_v").qualifiedName()), first::complete);
            first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            running.cancel();
            ActionResult result = running.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.CANCELLED);
            oldSnapshot.rollback();
        }

        IndexReader reader = new IndexReader(target);
        IndexReport leftover = IndexClassifier.review(reader.definitions(), reader.usage(), List.of()).indexes().stream()
                .filter(r -> r.index().name().startsWith("cancelled_v_ccnew")).findFirst().orElseThrow();
        assertThat(leftover.flags()).containsExactly(IndexFlag.INVALID);
        assertThat(leftover.leftoverOf()).isEqualTo("cancelled_v");
        assertThat(leftover.explanation()).contains("failed or cancelled REINDEX CONCURRENTLY of cancelled_v");
        assertThat(leftover.droppable()).isTrue();

        assertThat(new DropIndexAction(leftover.index()).plan().risk())
                .startsWith("No query uses an invalid index").doesNotContain("fall back");
        ActionResult dropped = runner.run(new DropIndexAction(leftover.index()), p -> {});
        assertThat(dropped.outcome()).as(dropped.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        assertThat(reader.definitions()).extracting(IndexDefinition::name)
                .contains("cancelled_v").noneMatch(n -> n.startsWith("cancelled_v_cc"));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aWritingWorkloadSeesNoErrorAndNoWaitBeyondLockTimeout(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        ActionSettings settings = new ActionSettings(Duration.ofSeconds(2), Duration.ofMinutes(5));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicLong slowestNanos = new AtomicLong();
        List<SQLException> errors = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
                // bounded: stops when told, or after at most 200,000 writes
                for (int i = 0; !stop.get() && i < 200_000; i++) {
                    long t0 = System.nanoTime();
                    try {
                        st.executeUpdate("UPDATE busy SET v = v + 1 WHERE id = " + (1 + i % 100_000));
                        writes.incrementAndGet();
                    } catch (SQLException e) {
                        errors.add(e);
                    }
                    slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                }
            } catch (SQLException e) {
                errors.add(e);
            }
        }, "index-test-writer");
        writer.start();
        await("the workload writes").atMost(WAIT).until(() -> writes.get() > 20);
        ActionResult result = runner(target, settings).run(new ReindexIndexAction(index(target, "busy_v").qualifiedName()), p -> {});
        long writesDuringReindex = writes.get();
        stop.set(true);
        writer.join(WAIT.toMillis());

        assertThat(result.outcome()).as(result.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        assertThat(errors).isEmpty();
        assertThat(writesDuringReindex).isGreaterThan(20);
        assertThat(Duration.ofNanos(slowestNanos.get())).isLessThan(settings.lockTimeout());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void quotesSpacesCapitalsAndUnicodeWorkInEveryButton(TestPostgres pg) {
        Target target = DB.target(pg);
        ActionRunner runner = runner(target, ActionSettings.defaults());
        IndexDefinition odd = index(target, INDEX);
        assertThat(odd.schema()).isEqualTo(SCHEMA);
        assertThat(odd.table()).isEqualTo(TABLE);

        ActionResult reindexed = runner.run(new ReindexIndexAction(odd.qualifiedName()), p -> {});
        assertThat(reindexed.outcome()).as(reindexed.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        ActionResult table = runner.run(new ReindexTableAction(odd.qualifiedTable()), p -> {});
        assertThat(table.outcome()).as(table.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        assertThat(table.message()).startsWith("Reindexed every index: ");
        DropIndexAction drop = new DropIndexAction(index(target, INDEX));
        assertThat(drop.plan().risk()).contains("To recreate it: CREATE INDEX");
        ActionResult dropped = runner.run(drop, p -> {});
        assertThat(dropped.outcome()).as(dropped.message()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        assertThat(new IndexReader(target).definitions()).extracting(IndexDefinition::name).doesNotContain(INDEX);
        assertThat(new AuditLog(tmp.resolve("audit.log")).read()).extracting(AuditLog.Entry::outcome)
                .containsOnly("SUCCEEDED").hasSize(3);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aFailedActionKeepsPostgresDetailWhichKeyIsDuplicated(TestPostgres pg) {
        Action unique = () -> ActionPlan.single("Unique index on dup", "CREATE UNIQUE INDEX dup_v ON dup (v)",
                "SHARE on dup", "Fails when values repeat.");
        ActionResult result = runner(DB.target(pg), ActionSettings.defaults()).run(unique, p -> {});
        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
        assertThat(result.message()).isEqualTo("Could not create unique index \"dup_v\". Key (v)=(7) is duplicated.");
    }

    private ActionRunner runner(Target target, ActionSettings settings) {
        return new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false, settings);
    }

    private static IndexDefinition index(Target target, String name) {
        Optional<IndexDefinition> found = new IndexReader(target).definitions().stream()
                .filter(d -> d.name().equals(name)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no index " + name));
    }

    /** A transaction with a snapshot: REINDEX CONCURRENTLY must wait for it before it finishes. */
    private static Connection holdSnapshot(TestPostgres pg) throws SQLException {
        Connection c = DB.connect(pg);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT 1");
        }
        return c;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
