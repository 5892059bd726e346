package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.Backend;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActionRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ActionSettings SETTINGS = new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE victim (id int PRIMARY KEY)", "INSERT INTO victim VALUES (1)");
    private static final ExecutorService PLANTERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "action-test-planter");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path tmp;

    @AfterAll
    static void closeAll() {
        DB.close();
        PLANTERS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void cancelBackendStopsAPlantedQuery(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        try (Connection sleeper = DB.connect(pg)) {
            int pid = pid(sleeper);
            Future<?> sleeping = PLANTERS.submit(() -> execute(sleeper, "SELECT pg_sleep(60)"));
            awaitBackend(target, b -> b.pid() == pid && "PgSleep".equals(b.waitEvent()));

            SignalBackendAction action = SignalBackendAction.cancel(pid, "SELECT pg_sleep(60)");
            ActionResult result = runner(target, audit).run(action, p -> {});

            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
            assertThat(result.returned()).containsExactly("t");
            assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("57014");
            assertThat(sleeper.isValid(2)).as("cancel keeps the session").isTrue();

            AuditLog.Entry entry = onlyEntry(audit);
            assertThat(entry.sql()).isEqualTo("select pg_catalog.pg_cancel_backend(" + pid + ");");
            assertAudited(entry, target, result);
            assertThat(entry.title()).isEqualTo("Cancel the query of backend " + pid);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void terminateBackendDisconnectsAnIdleSession(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        try (Connection idle = DB.connect(pg)) {
            int pid = pid(idle);
            awaitBackend(target, b -> b.pid() == pid && "idle".equals(b.state()));

            SignalBackendAction action = SignalBackendAction.terminate(pid, "pgdeck-test (idle)");
            ActionResult result = runner(target, audit).run(action, p -> {});

            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
            assertThat(result.returned()).containsExactly("t");
            ActivityReader activity = new ActivityReader(target);
            await("backend " + pid + " gone").atMost(WAIT).until(() -> activity.backends().stream().noneMatch(b -> b.pid() == pid));
            assertThatThrownBy(() -> execute(idle, "SELECT 1")).isInstanceOf(SQLException.class);

            AuditLog.Entry entry = onlyEntry(audit);
            assertThat(entry.sql()).isEqualTo("select pg_catalog.pg_terminate_backend(" + pid + ");");
            assertAudited(entry, target, result);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anActionThatCannotGetItsLockGivesUpAfterLockTimeout(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        String lock = "LOCK TABLE " + target.db().render(DSL.name("public", "victim")) + " IN ACCESS EXCLUSIVE MODE";
        try (Connection reader = DB.connect(pg)) {
            reader.setAutoCommit(false);
            execute(reader, "SELECT count(*) FROM victim");

            ActionResult result = runner(target, audit).run(
                    new SqlAction(new ActionPlan("Lock victim", List.of(lock), "ACCESS EXCLUSIVE", "test",
                            ActionPlan.Commit.ONE_TRANSACTION)), p -> {});

            assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
            assertThat(result.message()).startsWith(
                    "Could not get a lock in time (lock_timeout): the object is busy; try again later.");
            assertThat(result.took()).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
            // The reader was not disturbed and nothing stayed locked.
            execute(reader, "SELECT count(*) FROM victim");
            reader.rollback();

            AuditLog.Entry entry = onlyEntry(audit);
            assertThat(entry.sql()).isEqualTo("LOCK TABLE \"public\".\"victim\" IN ACCESS EXCLUSIVE MODE;");
            assertAudited(entry, target, result);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anActionRunsUnderItsStatementTimeout(TestPostgres pg) {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        ActionRunner runner = new ActionRunner(target, audit, () -> false,
                new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        ActionResult result = runner.run(SqlAction.of("SELECT pg_sleep(10)"), p -> {});

        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.FAILED);
        assertThat(result.message()).startsWith("Cancelled: the statement ran past its time-out or was cancelled.");
        assertThat(result.took()).isBetween(Duration.ofMillis(950), Duration.ofSeconds(5));
        assertAudited(onlyEntry(audit), target, result);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aRunningActionCanBeCancelled(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();

        ActionRunner.Running running = runner(target, audit).start(SqlAction.of("SELECT pg_sleep(30)"), p -> {});
        awaitBackend(target, b -> Target.ACTION_APPLICATION_NAME.equals(b.application()) && "PgSleep".equals(b.waitEvent()));
        running.cancel();
        ActionResult result = running.result().get(10, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
        assertThat(result.message()).isEqualTo("Cancelled by the user.");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
        AuditLog.Entry entry = onlyEntry(audit);
        assertThat(entry.sql()).isEqualTo("SELECT pg_sleep(30);");
        assertAudited(entry, target, result);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anActionCancelledBeforeItsStatementStartsEndsCancelled(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();

        // Most likely still connecting: the runner must notice the request once it has a pid.
        ActionRunner.Running running = runner(target, audit).start(SqlAction.of("SELECT pg_sleep(30)"), p -> {});
        running.cancel();
        ActionResult result = running.result().get(10, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
        assertAudited(onlyEntry(audit), target, result);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void readOnlyModeRefusesEveryActionAndAuditsNothing(TestPostgres pg) {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        ActionRunner runner = new ActionRunner(target, audit, () -> true, SETTINGS);
        SignalBackendAction action = SignalBackendAction.terminate(1, "anything");

        assertThat(runner.refusal(PlannedAction.of(action))).hasValue(ActionRunner.READ_ONLY);
        assertThatThrownBy(() -> runner.run(action, p -> {})).isInstanceOf(ActionRefusedException.class)
                .hasMessage(ActionRunner.READ_ONLY);
        assertThatThrownBy(() -> runner.start(action, p -> {})).isInstanceOf(ActionRefusedException.class);
        assertThat(Files.exists(audit.file())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anActionRunsOnItsOwnReadWriteConnectionWithItsTimeouts(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        AuditLog audit = auditLog();
        ActionResult result = runner(target, audit).run(SqlAction.of(
                "SELECT current_setting('application_name')",
                "SELECT current_setting('transaction_read_only')",
                "SELECT current_setting('lock_timeout')",
                "SELECT current_setting('statement_timeout')",
                "SELECT pg_backend_pid()::text"), p -> {});

        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.SUCCEEDED);
        assertThat(result.returned()).hasSize(5);
        assertThat(result.returned().subList(0, 4)).containsExactly(Target.ACTION_APPLICATION_NAME, "off", "1s", "30s");
        int actionPid = Integer.parseInt(result.returned().get(4));
        assertThat(monitoringPids(pg)).isNotEmpty().doesNotContain(actionPid);
        assertThat(onlyEntry(audit).outcome()).isEqualTo("SUCCEEDED");
    }

    private AuditLog auditLog() {
        return new AuditLog(tmp.resolve("audit.log"));
    }

    private static ActionRunner runner(Target target, AuditLog audit) {
        return new ActionRunner(target, audit, () -> false, SETTINGS);
    }

    private static void awaitBackend(Target target, Predicate<Backend> condition) {
        ActivityReader reader = new ActivityReader(target);
        await("a backend in the expected state").atMost(WAIT).until(
                () -> reader.backends().stream().anyMatch(condition), Boolean::booleanValue);
    }

    /** Exactly one line in the file, and what it says. */
    private static AuditLog.Entry onlyEntry(AuditLog audit) {
        try {
            assertThat(Files.readAllLines(audit.file(), StandardCharsets.UTF_8)).hasSize(1);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<AuditLog.Entry> entries = audit.read();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static void assertAudited(AuditLog.Entry entry, Target target, ActionResult result) {
        assertThat(entry.target()).isEqualTo(target.profile().describe());
        assertThat(entry.dbUser()).isEqualTo("postgres");
        assertThat(entry.outcome()).isEqualTo(result.outcome().name());
        assertThat(entry.message()).isEqualTo(result.message());
        assertThat(entry.durationMillis()).isEqualTo(result.took().toMillis());
        assertThat(entry.at()).isNotNull();
    }

    private List<Integer> monitoringPids(TestPostgres pg) throws SQLException {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'pgdeck'")) {
            List<Integer> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
            return pids;
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }

    /** A test-only action running the statements given. */
    private record SqlAction(ActionPlan plan) implements Action {
        static SqlAction of(String... statements) {
            return new SqlAction(new ActionPlan("test", List.of(statements), "none", "test", ActionPlan.Commit.EACH_STATEMENT));
        }
    }
}
