package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Actions through a real PgBouncer in transaction mode, whose few server connections are shared
 * with other clients: time-outs hold, cancel stops the action's statement and nobody else's,
 * and what needs a session goes to the direct address or is refused in one sentence.
 */
class ActionsThroughPgBouncerTest {

    private static final ActionSettings SETTINGS = new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bouncer-test-client");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path tmp;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anActionThroughTheBouncerGivesUpAfterItsLockTimeout(TestPostgres pg) throws Exception {
        ConnectionProfile db = plant(pg);
        try (PgBouncerServer bouncer = PgBouncerServer.builder(pg.port()).set("default_pool_size", "2").start();
             Target target = pg.openTarget(through(bouncer, db));
             Connection holder = pg.connect(db.database())) {
            assertThat(target.pooled()).as("PgBouncer's admin console answered").isTrue();
            holder.setAutoCommit(false);
            execute(holder, "SELECT count(*) FROM victim");
            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));

            ActionResult result = new ActionRunner(target, audit, () -> false, SETTINGS).run(new GivenPlan(
                    ActionPlan.single("Lock victim", "LOCK TABLE victim IN ACCESS EXCLUSIVE MODE", "ACCESS EXCLUSIVE",
                            "test")), p -> {});
            holder.rollback();

            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
            assertThat(result.message()).startsWith("Could not get a lock in time (lock_timeout)");
            assertThat(result.took()).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
            ActionResult settings = new ActionRunner(target, audit, () -> false, SETTINGS).run(new GivenPlan(
                    new ActionPlan("settings", List.of("SELECT current_setting('lock_timeout')",
                            "SELECT current_setting('statement_timeout')"), "none", "test",
                            ActionPlan.Commit.ONE_TRANSACTION)), p -> {});
            assertThat(settings.returned()).containsExactly("1s", "30s");
            bouncer.assertNothingLeftOnServerConnections(db.database(), 2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void cancelStopsTheActionsStatementAndNoOtherClients(TestPostgres pg) throws Exception {
        ConnectionProfile db = plant(pg);
        try (PgBouncerServer bouncer = PgBouncerServer.builder(pg.port()).set("default_pool_size", "3").start();
             Target target = pg.openTarget(through(bouncer, db))) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Integer>> sleepers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sleepers.add(CLIENTS.submit(() -> sleepUntil(bouncer, db.database(), stop)));
            }
            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
            ActionRunner.Running running = new ActionRunner(target, audit, () -> false, SETTINGS).start(
                    new GivenPlan(ActionPlan.single("Refresh slow", "REFRESH MATERIALIZED VIEW slow",
                            "ACCESS EXCLUSIVE on slow", "test")), p -> {});
            try (Connection watcher = pg.connect(db.database())) {
                await("the refresh is running").atMost(Duration.ofSeconds(15)).until(() -> count(watcher,
                        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'REFRESH MATERIALIZED VIEW slow%'"
                                + " AND state = 'active'") == 1);
                long t0 = System.nanoTime();
                running.cancel();
                ActionResult result = running.result().get(10, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                stop.set(true);

                assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
                assertThat(took).isLessThan(Duration.ofSeconds(3));
                assertThat(audit.read()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("CANCELLED"));
                for (Future<Integer> sleeper : sleepers) {
                    assertThat(sleeper.get(15, TimeUnit.SECONDS)).as("sleeps each client finished untouched")
                            .isPositive();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void vacuumNeedsTheDirectAddressBehindAPooler(TestPostgres pg) throws Exception {
        ConnectionProfile db = plant(pg);
        VacuumAction vacuum = new VacuumAction(new RelationName("public", "victim"), false, false);
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        try (PgBouncerServer bouncer = PgBouncerServer.builder(pg.port()).set("default_pool_size", "2").start()) {
            try (Target target = pg.openTarget(through(bouncer, db))) {
                ActionRunner runner = new ActionRunner(target, audit, () -> false, SETTINGS);
                assertThat(runner.refusal(PlannedAction.of(vacuum))).hasValue("Vacuum public.victim cannot run inside a"
                        + " transaction, and the pooler in transaction mode gives pgdeck no session of its own: set a"
                        + " direct address for actions (PostgreSQL's host:port) in the profile.");
                assertThatThrownBy(() -> runner.run(vacuum, p -> {})).isInstanceOf(ActionRefusedException.class)
                        .hasMessageStartingWith("Vacuum public.victim cannot run inside a transaction");
                assertThat(Files.exists(audit.file())).as("nothing ran, nothing audited").isFalse();
            }
            ConnectionProfile withDirect = through(bouncer, db).withPooler(
                    new Pooler(Pooler.Mode.POOLED, "localhost:" + pg.port(), null));
            try (Target target = pg.openTarget(withDirect)) {
                ActionRunner runner = new ActionRunner(target, audit, () -> false, SETTINGS);
                assertThat(runner.refusal(PlannedAction.of(vacuum))).isEmpty();
                assertThat(runner.run(vacuum, p -> {}).outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
                // The session connection carries its time-outs from its start-up packet, which
                // PgBouncer would refuse: these answers come from PostgreSQL itself.
                ActionResult session = runner.run(new GivenPlan(new ActionPlan("session", List.of(
                        "SELECT current_setting('lock_timeout')", "SELECT current_setting('port')"), "none", "test",
                        ActionPlan.Commit.NO_TRANSACTION_BLOCK)), p -> {});
                assertThat(session.returned()).containsExactly("1s", Integer.toString(pg.port()));
                try (Connection c = pg.connect(db.database())) {
                    // PostgreSQL 13 reports its counters asynchronously
                    await("the vacuum counted").atMost(Duration.ofSeconds(10)).until(() -> count(c,
                            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'victim'") == 1);
                }
            }
        }
    }

    private static ConnectionProfile plant(TestPostgres pg) {
        ConnectionProfile db = pg.freshDatabase();
        pg.execute(db.database(), "CREATE TABLE victim (id int PRIMARY KEY)", "INSERT INTO victim VALUES (1)",
                "ALTER TABLE victim SET (autovacuum_enabled = off)",
                "CREATE MATERIALIZED VIEW slow AS SELECT 1 AS slept FROM pg_sleep(30) WITH NO DATA");
        return db;
    }

    static ConnectionProfile through(PgBouncerServer bouncer, ConnectionProfile db) {
        return bouncer.profile(db.database(), "postgres");
    }

    /** Runs pg_sleep(0.5) through the bouncer until told to stop; how many finished. Any error fails. */
    private static int sleepUntil(PgBouncerServer bouncer, String database, AtomicBoolean stop) throws SQLException {
        int slept = 0;
        try (Connection c = bouncer.connectAsApplication(database); Statement st = c.createStatement()) {
            while (!stop.get()) {
                st.execute("SELECT pg_sleep(0.5)");
                slept++;
            }
        }
        return slept;
    }

    private static long count(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private record GivenPlan(ActionPlan plan) implements Action {}
}
