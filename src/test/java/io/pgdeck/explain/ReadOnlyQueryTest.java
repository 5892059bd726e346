package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The read-only Run on both servers and through PgBouncer: first rows, refusals, errors, cancel. */
class ReadOnlyQueryTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE accounts (id bigint PRIMARY KEY, owner text, balance numeric(12,2) NOT NULL)",
            "INSERT INTO accounts SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'owner ' || g END, g * 1.5"
                    + " FROM generate_series(1, 5000) g",
            "ANALYZE accounts");
    /** Row 5,000 divides by zero: a Run that computed every row would fail; one that reads in batches never gets there. */
    private static final String FAILS_AT_ROW_5000 = "SELECT g, 1 / (5000 - g) AS fails_at_5000"
            + " FROM (SELECT generate_series(1, 10000000) AS g) s";

    @AfterAll
    static void close() {
        DB.close();
    }

    private static ReadOnlyQuery query(TestPostgres pg) {
        return new ReadOnlyQuery(DB.target(pg), Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void firstThousandRowsWithColumnsTypesAndNulls(TestPostgres pg) throws Exception {
        QueryResult result = query(pg).run("-- the biggest first\nSELECT id, owner AS \"Owner\", balance FROM accounts"
                + " ORDER BY id;");
        assertThat(result.columns()).containsExactly("id", "Owner", "balance");
        assertThat(result.types()).containsExactly("int8", "text", "numeric");
        assertThat(result.rows()).hasSize(ReadOnlyQuery.MAX_ROWS);
        assertThat(result.more()).isTrue();
        assertThat(result.rows().get(0)).containsExactly("1", "owner 1", "1.50");
        assertThat(result.rows().get(2)).containsExactly("3", null, "4.50");
        assertThat(result.statement()).startsWith("SELECT id");
        assertThat(result.took()).isPositive();

        QueryResult all = query(pg).run("SELECT count(*) AS n FROM accounts WHERE owner IS NULL");
        assertThat(all.rows()).singleElement().isEqualTo(java.util.List.of("1666"));
        assertThat(all.more()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void readsInBatchesSoTenMillionRowsAreNeverComputed(TestPostgres pg) throws Exception {
        long t0 = System.nanoTime();
        QueryResult result = query(pg).run(FAILS_AT_ROW_5000);
        assertThat(result.rows()).hasSize(1000);
        assertThat(result.more()).isTrue();
        assertThat(result.rows().get(999)).containsExactly("1000", "0");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anUpdateIsRefusedByPostgresAndChangesNothing(TestPostgres pg) throws Exception {
        assertThatThrownBy(() -> query(pg).run("UPDATE accounts SET balance = 0 WHERE id <= 10"))
                .isInstanceOf(ExplainException.class)
                .hasMessage("Cannot execute UPDATE in a read-only transaction");
        assertThatThrownBy(() -> query(pg).run("SELECT nextval('accounts_seq')")).isInstanceOf(ExplainException.class);
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM accounts WHERE balance = 0")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void oneStatementAndErrorsSayWhere(TestPostgres pg) throws Exception {
        assertThatThrownBy(() -> query(pg).run("SELECT 1;\nSELECT 2")).isInstanceOf(ExplainException.class)
                .hasMessage("The text holds 2 statements: Run takes one at a time, so keep only the one to run.")
                .satisfies(e -> assertThat(((ExplainException) e).position()).isEqualTo(10));
        assertThatThrownBy(() -> query(pg).run(" -- nothing\n")).hasMessage("There is nothing to run: type a statement.");
        assertThatThrownBy(() -> query(pg).run("SELECT * FROM accounts WHERE id = $1"))
                .hasMessage("The statement has $1-style parameters: put values in their place to run it.");
        assertThat(query(pg).run("SELECT '$1' AS dollar").rows()).singleElement().isEqualTo(java.util.List.of("$1"));
        assertThatThrownBy(() -> query(pg).run("PREPARE p AS SELECT 1")).hasMessageStartingWith(
                "PREPARE outlives the rollback");
        assertThatThrownBy(() -> query(pg).run("SELECT pg_advisory_lock(42)")).hasMessageStartingWith(
                "pg_advisory_lock() outlives the rollback");

        String typo = "\n\nSELECT id\n  FROM accounts\n WHERE ownr = 'x'";
        assertThatThrownBy(() -> query(pg).run(typo)).isInstanceOf(ExplainException.class).satisfies(e -> {
            ExplainException x = (ExplainException) e;
            assertThat(x.position()).isEqualTo(typo.indexOf("ownr"));
            assertThat(x.describe(typo)).startsWith("Column \"ownr\" does not exist (line 5, column 8)");
        });
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void timeoutAndCancelStopTheStatement(TestPostgres pg) throws Exception {
        ReadOnlyQuery shortTimeout = new ReadOnlyQuery(DB.target(pg), Duration.ofMillis(500));
        assertThatThrownBy(() -> shortTimeout.run("SELECT pg_sleep(10)"))
                .hasMessage("Stopped: the statement ran past statement_timeout (500 ms); nothing was kept.");

        ReadOnlyQuery query = query(pg);
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                query.run("SELECT pg_sleep(30), 'cancel me'");
                return null;
            } catch (ExplainException e) {
                return e;
            }
        });
        try (Connection watcher = DB.connect(pg)) {
            await("the sleep is running").atMost(Duration.ofSeconds(15)).until(() -> running(watcher) == 1);
            long t0 = System.nanoTime();
            query.cancel();
            assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessage("Cancelled: the statement was stopped; nothing was kept.");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void worksThroughPgBouncerInTransactionModeAndLeavesNothing(TestPostgres pg) throws Exception {
        ConnectionProfile db = DB.profile(pg);
        try (PgBouncerServer bouncer = PgBouncerServer.builder(pg.port()).set("default_pool_size", "2").start();
             Target target = pg.openTarget(bouncer.profile(db.database(), "postgres"))) {
            assertThat(target.pooled()).as("PgBouncer's admin console answered").isTrue();
            ReadOnlyQuery query = new ReadOnlyQuery(target, Duration.ofSeconds(30));
            QueryResult result = query.run(FAILS_AT_ROW_5000);
            assertThat(result.rows()).hasSize(1000);
            assertThat(result.more()).isTrue();
            assertThat(query.run("SELECT current_setting('transaction_read_only') AS ro,"
                    + " current_setting('statement_timeout') AS st").rows())
                    .singleElement().isEqualTo(java.util.List.of("on", "30s"));
            assertThatThrownBy(() -> query.run("UPDATE accounts SET balance = 0"))
                    .hasMessage("Cannot execute UPDATE in a read-only transaction");
            bouncer.assertNothingLeftOnServerConnections(db.database(), 2);
        }
    }

    private static long running(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity"
                + " WHERE query LIKE 'SELECT pg_sleep(30), ''cancel me''%' AND state = 'active'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
