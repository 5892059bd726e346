package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivityReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)",
            "INSERT INTO accounts VALUES (1, 100), (2, 200)");
    private static final ExecutorService PLANTERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "activity-test-planter");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void closeAll() {
        DB.close();
        PLANTERS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void blockedBackendsFormAChainUnderTheHolder(TestPostgres pg) throws Exception {
        ActivityReader reader = new ActivityReader(DB.target(pg));
        // Declared in reverse so the holder closes first and releases the waiters.
        try (Connection third = DB.connect(pg); Connection waiter = DB.connect(pg); Connection holder = DB.connect(pg)) {
            int holderPid = pid(holder);
            int waiterPid = pid(waiter);
            int thirdPid = pid(third);
            holder.setAutoCommit(false);
            execute(holder, "UPDATE accounts SET balance = balance + 1 WHERE id = 1");
            execute(waiter, "SET lock_timeout = '60s'");
            execute(third, "SET lock_timeout = '60s'");

            Future<?> waiting = PLANTERS.submit(() -> execute(waiter, "UPDATE accounts SET balance = balance + 2 WHERE id = 1"));
            Backend blocked = awaitBackend(reader, waiterPid, b -> b.waitingOnLock());
            assertThat(blocked.blockedBy()).containsExactly(holderPid);
            assertThat(blocked.isActive()).isTrue();
            assertThat(blocked.query()).contains("balance + 2");

            Future<?> chained = PLANTERS.submit(() -> execute(third, "UPDATE accounts SET balance = balance + 3 WHERE id = 1"));
            Backend last = awaitBackend(reader, thirdPid, b -> b.waitingOnLock());
            assertThat(last.blockedBy()).contains(waiterPid);

            List<Backend> backends = reader.backends();
            Backend holding = find(backends, holderPid).orElseThrow();
            assertThat(holding.blockedBy()).isEmpty();
            assertThat(holding.isIdleInTransaction()).isTrue();

            BlockingTree tree = BlockingTree.of(backends);
            assertThat(tree.roots()).extracting(n -> n.backend().pid()).containsExactly(holderPid);
            BlockingTree.Node root = tree.roots().get(0);
            assertThat(root.totalWaiters()).isEqualTo(2);
            assertThat(root.waiters()).extracting(n -> n.backend().pid()).containsExactly(waiterPid);
            assertThat(root.waiters().get(0).waiters()).extracting(n -> n.backend().pid()).containsExactly(thirdPid);

            holder.rollback();
            waiting.get(10, TimeUnit.SECONDS);
            chained.get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void idleInTransactionIsReportedWithItsAge(TestPostgres pg) throws Exception {
        ActivityReader reader = new ActivityReader(DB.target(pg));
        try (Connection idle = DB.connect(pg)) {
            int pid = pid(idle);
            idle.setAutoCommit(false);
            execute(idle, "SELECT balance FROM accounts WHERE id = 2");

            Backend seen = awaitBackend(reader, pid,
                    b -> b.isIdleInTransaction() && b.stateAge().compareTo(Duration.ofMillis(300)) >= 0);
            assertThat(seen.state()).isEqualTo("idle in transaction");
            assertThat(seen.database()).isEqualTo(DB.name(pg));
            assertThat(seen.query()).contains("SELECT balance FROM accounts");
            assertThat(seen.stateAge()).isLessThan(WAIT.plusSeconds(5));
            assertThat(seen.transactionAge()).isGreaterThanOrEqualTo(seen.stateAge());

            List<Backend> inThisDatabase = inDatabase(reader.backends(), DB.name(pg));
            ConnectionBreakdown breakdown = ConnectionBreakdown.of(inThisDatabase);
            assertThat(breakdown.state("idle in transaction")).isEqualTo(1);
            assertThat(breakdown.oldestIdleInTransaction()).map(Backend::pid).contains(pid);
            idle.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void manyConnectionsAreCountedByStateApplicationAndUser(TestPostgres pg) throws Exception {
        ActivityReader reader = new ActivityReader(DB.target(pg));
        List<Connection> crowd = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Connection c = DB.connect(pg);
                crowd.add(c);
                execute(c, "SET application_name = 'crowd'");
            }
            ConnectionBreakdown breakdown = await("30 idle crowd sessions, nothing else").atMost(WAIT).until(
                    () -> ConnectionBreakdown.of(inDatabase(reader.backends(), DB.name(pg))),
                    b -> b.total() == 30 && b.state("idle") == 30);
            assertThat(breakdown.byState()).containsExactly(Map.entry("idle", 30));
            assertThat(breakdown.byApplication()).containsExactly(Map.entry("crowd", 30));
            assertThat(breakdown.byUser()).containsExactly(Map.entry("postgres", 30));
            assertThat(breakdown.byClient().values()).containsOnly(30);
            assertThat(breakdown.oldestIdleInTransaction()).isEmpty();

            ConnectionBreakdown wholeServer = ConnectionBreakdown.of(reader.backends());
            assertThat(wholeServer.byApplication()).containsEntry("crowd", 30);
            assertThat(wholeServer.total()).isGreaterThanOrEqualTo(30);
        } finally {
            for (Connection c : crowd) {
                c.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pgdecksOwnMonitoringSessionsAreLeftOut(TestPostgres pg) {
        Target target = DB.target(pg);
        await("the monitoring pool is full").atMost(WAIT).until(() -> target.poolStats().total() == target.options().poolSize());
        List<Backend> backends = new ActivityReader(target).backends();
        assertThat(backends).extracting(Backend::application).doesNotContain(Target.APPLICATION_NAME);
        assertThat(inDatabase(backends, DB.name(pg))).isEmpty();
        // Background processes stay: the DBA sees the checkpointer and autovacuum too.
        assertThat(backends).anyMatch(b -> !b.isClient());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void queryIdExistsFromPostgres14(TestPostgres pg) throws Exception {
        ActivityReader reader = new ActivityReader(DB.target(pg));
        try (Connection control = DB.connect(pg); Connection sleeper = DB.connect(pg)) {
            int pid = pid(sleeper);
            Future<?> sleeping = PLANTERS.submit(() -> execute(sleeper, "SELECT pg_sleep(60)"));
            try {
                // Waiting in pg_sleep means the executor runs; PostgreSQL 17 reports query_id a moment
                // after the wait event under the extended protocol, so wait for both.
                Backend active = awaitBackend(reader, pid, b -> b.isActive() && "PgSleep".equals(b.waitEvent())
                        && (pg == TestPostgres.OLDEST || b.queryId() != null));
                if (pg == TestPostgres.OLDEST) {
                    assertThat(active.queryId()).isNull();
                } else {
                    // compute_query_id = auto turns on because pg_stat_statements is preloaded.
                    assertThat(active.queryId()).isNotNull().isNotZero();
                }
                assertThat(active.queryAge()).isGreaterThanOrEqualTo(Duration.ZERO);
            } finally {
                // never leave the sleeper running into the next test of this database
                execute(control, "SELECT pg_cancel_backend(" + pid + ")");
            }
            assertThatThrownBy(() -> sleeping.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    private static Backend awaitBackend(ActivityReader reader, int pid, java.util.function.Predicate<Backend> condition) {
        return await("backend " + pid + " in the expected state").atMost(WAIT).until(
                () -> find(reader.backends(), pid), found -> found.filter(condition).isPresent()).orElseThrow();
    }

    private static Optional<Backend> find(List<Backend> backends, int pid) {
        return backends.stream().filter(b -> b.pid() == pid).findFirst();
    }

    private static List<Backend> inDatabase(List<Backend> backends, String database) {
        return backends.stream().filter(b -> database.equals(b.database())).toList();
    }

    static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
        return null;
    }
}
