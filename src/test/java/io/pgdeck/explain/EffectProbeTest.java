package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ANALYZE's side effects as the server's plan shows them, on real objects of both servers: each
 * refused unconfirmed, nothing left behind; and what only reads runs without asking.
 */
class EffectProbeTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL, note text)",
            "INSERT INTO orders (status, note) SELECT 'done', 'note ' || g FROM generate_series(1, 100) g",
            "CREATE TABLE tickets (id int GENERATED ALWAYS AS IDENTITY, title text)",
            "CREATE TABLE audit (at timestamptz, what text)",
            "CREATE FUNCTION log_it() RETURNS int LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (now(), 'read');"
                    + " RETURN 1; END $$",
            "CREATE FUNCTION logged() RETURNS int LANGUAGE sql AS $$ SELECT log_it() $$",
            "CREATE VIEW logged_orders AS SELECT o.id, o.status, log_it() AS logged FROM orders o",
            "CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES (now(),"
                    + " TG_OP); RETURN NEW; END $$",
            "CREATE TRIGGER audit_orders AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit_row()",
            "CREATE TABLE victims (pid int)",
            "CREATE VIEW cancels AS SELECT pg_cancel_backend(pid) AS cancelled FROM victims",
            "CREATE FUNCTION twice(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 * 2'",
            "CREATE FUNCTION order_count() RETURNS bigint STABLE LANGUAGE sql AS 'SELECT count(*) FROM orders'",
            "CREATE SCHEMA ops",
            "CREATE FUNCTION ops.touch() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
            "CREATE TABLE order_lines (order_id int REFERENCES orders ON DELETE CASCADE, item text)",
            "CREATE TABLE readings (at int, v text) PARTITION BY RANGE (at)",
            "CREATE TABLE readings_1 PARTITION OF readings FOR VALUES FROM (0) TO (100)",
            "CREATE TRIGGER audit_readings AFTER INSERT ON readings_1 FOR EACH ROW EXECUTE FUNCTION audit_row()",
            "CREATE TABLE archive (id int, note text)",
            "CREATE RULE keep_deleted AS ON DELETE TO archive DO ALSO INSERT INTO audit VALUES (now(), 'archive')",
            "CREATE FUNCTION noisy_eq(int, int) RETURNS bool LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit VALUES"
                    + " (now(), 'eq'); RETURN $1 = $2; END $$",
            "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = noisy_eq)",
            "CREATE OPERATOR ops.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = noisy_eq)",
            "ANALYZE");

    @AfterAll
    static void close() {
        DB.close();
    }

    private static SideEffects refused(TestPostgres pg, String sql) throws Exception {
        ExplainRunner runner = new ExplainRunner(DB.target(pg), Duration.ofSeconds(30));
        ExplainRequest request = runner.prepare(sql, ExplainOptions.analyzeWithBuffers());
        try {
            runner.run(request, false);
        } catch (UnconfirmedSideEffects e) {
            return e.sideEffects();
        }
        throw new AssertionError("ran without confirmation: " + sql);
    }

    private static ExplainResult ran(TestPostgres pg, String sql, boolean confirmed) throws Exception {
        ExplainRunner runner = new ExplainRunner(DB.target(pg), Duration.ofSeconds(30));
        return runner.run(runner.prepare(sql, ExplainOptions.analyzeWithBuffers()), confirmed);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void selectIntoAndCreateTableAsCreateNothingUnconfirmed(TestPostgres pg) throws Exception {
        // the plan of either is the query's alone: the text tells, and the read-only transaction would not stop it
        assertThat(refused(pg, "SELECT * INTO orders_copy FROM orders").writes())
                .containsExactly("creates a table (SELECT INTO)");
        assertThat(refused(pg, "WITH x AS (SELECT id FROM orders) SELECT * INTO TEMP orders_ids FROM x").writes())
                .containsExactly("creates a table (SELECT INTO)");
        assertThat(refused(pg, "((SELECT id INTO orders_copy FROM orders) UNION SELECT 0)").writes())
                .containsExactly("creates a table (SELECT INTO)");
        assertThat(refused(pg, "CREATE TABLE orders_copy AS SELECT * FROM orders").writes())
                .containsExactly("creates a table (CREATE TABLE AS)");
        assertThat(refused(pg, "CREATE MATERIALIZED VIEW orders_mv AS SELECT * FROM orders").writes())
                .containsExactly("creates a materialized view");
        assertThat(scalar(pg, "SELECT count(*) FROM pg_class WHERE relname IN ('orders_copy', 'orders_mv')")).isZero();

        ExplainResult confirmed = ran(pg, "SELECT * INTO orders_copy FROM orders", true);
        assertThat(confirmed.plan().root().timing().rows()).isEqualTo(100);
        assertThat(scalar(pg, "SELECT count(*) FROM pg_class WHERE relname = 'orders_copy'")).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aViewThatCancelsAnotherSessionsQueryDoesNotRunUnconfirmed(TestPostgres pg) throws Exception {
        try (Connection victim = DB.connect(pg); Connection admin = DB.connect(pg)) {
            int pid = (int) scalar(victim, "SELECT pg_backend_pid()");
            execute(admin, "DELETE FROM victims", "INSERT INTO victims VALUES (" + pid + ")");

            CompletableFuture<Long> sleeping = sleep(victim, pid, admin);
            assertThat(refused(pg, "SELECT * FROM cancels").calls()).containsExactly("pg_cancel_backend()");
            assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo(1); // slept to the end: not cancelled

            // the hole was real: confirmed, the view cancels the other session's query
            CompletableFuture<Long> cancelled = sleep(victim, pid, admin);
            ran(pg, "SELECT * FROM cancels", true);
            assertThatThrownBy(() -> cancelled.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("canceling statement");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void volatileFunctionsBehindViewsAndSqlFunctionsAreNamed(TestPostgres pg) throws Exception {
        assertThat(refused(pg, "SELECT id FROM logged_orders WHERE status = 'done'").calls()).containsExactly("log_it()");
        assertThat(refused(pg, "SELECT logged()").calls()).containsExactly("log_it()");
        assertThat(refused(pg, "SELECT ops.touch()").calls()).containsExactly("ops.touch()");
        assertThat(scalar(pg, "SELECT count(*) FROM audit")).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void sequencesAreAlwaysStated(TestPostgres pg) throws Exception {
        SideEffects serial = refused(pg, "INSERT INTO orders (status) VALUES ('new')");
        assertThat(serial.writes()).containsExactly("INSERT into public.orders");
        assertThat(serial.sequences()).containsExactly("orders_id_seq");
        assertThat(refused(pg, "INSERT INTO tickets (title) VALUES ('new')").sequences())
                .containsExactly("tickets_id_seq");

        SideEffects select = refused(pg, "SELECT nextval('orders_id_seq')");
        assertThat(select.writes()).isEmpty();
        assertThat(select.phrases()).containsExactly("advances sequence orders_id_seq");
        long before = scalar(pg, "SELECT last_value FROM orders_id_seq");
        ExplainResult confirmed = ran(pg, "SELECT nextval('orders_id_seq')", true);
        assertThat(confirmed.sideEffects().sequences()).containsExactly("orders_id_seq");
        assertThat(scalar(pg, "SELECT last_value FROM orders_id_seq")).isEqualTo(before + 1);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void triggersDataModifyingCtesAndRowLocks(TestPostgres pg) throws Exception {
        assertThat(refused(pg, "UPDATE orders SET note = 'x' WHERE id = 1").writes()).containsExactly(
                "UPDATE of public.orders", "fires trigger audit_orders on public.orders (audit_row())");
        // the trigger is for UPDATE only
        assertThat(refused(pg, "DELETE FROM orders WHERE id = 1").writes()).contains("DELETE from public.orders")
                .noneMatch(w -> w.startsWith("fires trigger"));
        assertThat(refused(pg, "WITH gone AS (DELETE FROM orders WHERE id < 10 RETURNING *) SELECT count(*) FROM gone")
                .writes()).contains("DELETE from public.orders");
        assertThat(refused(pg, "SELECT * FROM orders WHERE id = 1 FOR UPDATE").writes())
                .containsExactly("locks rows (FOR UPDATE/SHARE)");
        assertThat(scalar(pg, "SELECT count(*) FROM orders")).isEqualTo(100);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void writesThePlanOnlyHintsAt(TestPostgres pg) throws Exception {
        // the foreign key's cascade deletes lines: an internal trigger, named by the constraint
        assertThat(refused(pg, "DELETE FROM orders WHERE id = 5").writes()).containsExactly(
                "DELETE from public.orders", "changes rows of public.order_lines (foreign key order_lines_order_id_fkey)");
        // a trigger on the partition the row goes to, not on the table the INSERT names
        assertThat(refused(pg, "INSERT INTO readings VALUES (1, 'x')").writes()).containsExactly(
                "INSERT into public.readings", "fires trigger audit_readings on public.readings_1 (audit_row())");
        // a rule adds a plan of its own to EXPLAIN's output
        assertThat(refused(pg, "DELETE FROM archive").writes())
                .containsExactlyInAnyOrder("INSERT into public.audit", "DELETE from public.archive");
        // ON CONFLICT DO UPDATE fires the UPDATE triggers too; MERGE (PostgreSQL 15+) any of them
        assertThat(refused(pg, "INSERT INTO orders (id, status) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET note = 'y'")
                .writes()).containsExactly("INSERT into public.orders",
                        "fires trigger audit_orders on public.orders (audit_row())");
        if (pg == TestPostgres.NEWEST) {
            assertThat(refused(pg, "MERGE INTO orders o USING (VALUES (1)) v(id) ON o.id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET note = 'm'").writes())
                    .contains("MERGE into public.orders", "fires trigger audit_orders on public.orders (audit_row())");
        }
        // an operator is a function call too
        assertThat(refused(pg, "SELECT 1 === 2").calls()).containsExactly("noisy_eq() (operator ===)");
        assertThat(refused(pg, "SELECT 1 OPERATOR(ops.===) 2").calls()).containsExactly("noisy_eq() (operator ===)");
        assertThat(scalar(pg, "SELECT count(*) FROM audit")).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void whatOnlyReadsRunsReadOnlyWithoutAsking(TestPostgres pg) throws Exception {
        for (String sql : new String[] {
            "SELECT * FROM (VALUES (1, 2)) AS t(a, b)",
            "SELECT to_tsvector('english', note) FROM orders",
            "SELECT twice(id), order_count() FROM orders WHERE id < 3",
            "SELECT random(), now(), clock_timestamp(), gen_random_uuid(), pg_relation_size('orders')",
            "SELECT 'DELETE FROM orders', \"update\".id FROM orders AS \"update\" WHERE note LIKE 'calls x(%'",
            "SELECT pg_sleep(0.01)",
            "SELECT query, calls FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 5"}) {
            ExplainResult result = ran(pg, sql, false);
            assertThat(result.sideEffects().none()).as(sql).isTrue();
            assertThat(result.plan().analyzed()).as(sql).isTrue();
        }
    }

    private static CompletableFuture<Long> sleep(Connection victim, int pid, Connection admin) {
        CompletableFuture<Long> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                execute(victim, "SELECT pg_sleep(1.5)");
                return 1L;
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> scalar(admin,
                "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND query LIKE '%pg_sleep(1.5)%'"
                        + " AND state = 'active'") == 1);
        return sleeping;
    }

    private static long scalar(TestPostgres pg, String sql) throws SQLException {
        try (Connection c = DB.connect(pg)) {
            return scalar(c, sql);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1) == null ? 0 : rs.getLong(1);
        }
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
