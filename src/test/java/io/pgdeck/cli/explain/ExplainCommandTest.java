package io.pgdeck.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.cli.Cli;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.Sessions;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExplainCommandTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL)",
            "CREATE SEQUENCE order_numbers",
            "INSERT INTO orders SELECT g, CASE WHEN g % 1000 = 0 THEN 'stuck' ELSE 'done' END"
                    + " FROM generate_series(1, 20000) g",
            "VACUUM ANALYZE orders"); // an all-visible map: index-only scans without heap fetches

    @TempDir
    Path home;

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void jsonHasNodesExclusiveTimesAndInsights(TestPostgres pg) throws Exception {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--analyze", "--buffers", "--json",
                "SELECT * FROM orders WHERE status = 'stuck'");
        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(run.err()).isEmpty();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.get("server").asText()).startsWith("PostgreSQL " + (pg == TestPostgres.OLDEST ? "13." : "17."));
        assertThat(r.get("options").asText()).isEqualTo("FORMAT JSON, ANALYZE, BUFFERS");
        assertThat(r.get("execution_ms").asDouble()).isPositive();
        JsonNode scan = r.get("nodes").get(0);
        assertThat(scan.get("node_type").asText()).isEqualTo("Seq Scan");
        assertThat(scan.get("actual_rows").asDouble()).isEqualTo(20);
        assertThat(scan.get("exclusive_ms").asDouble()).isPositive();
        assertThat(scan.get("buffers").get("shared_hit").asLong() + scan.get("buffers").get("shared_read").asLong())
                .isPositive();
        assertThat(r.get("insights")).anySatisfy(i -> {
            assertThat(i.get("rule").asText()).isEqualTo("seq_scan_needs_index");
            assertThat(i.get("explanation").asText()).contains("CREATE INDEX CONCURRENTLY ON orders (status)");
        });
        assertThat(r.get("plan").get(0).get("Plan").get("Node Type").asText()).isEqualTo("Seq Scan");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void textShowsTheTreeAndExitsZeroOnACleanPlan(TestPostgres pg) {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--analyze",
                "SELECT o.status, p.status FROM orders o JOIN orders p ON p.id = o.id WHERE o.id < 3");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("pgdeck explain on PostgreSQL ").contains("total ms", "self ms",
                "-> Index", "insights: none");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void writesNeedAllowWritesAndAreRolledBack(TestPostgres pg) throws Exception {
        String uri = Sessions.uri(pg, DB.name(pg));
        CliRun refused = CliRun.of(home, "explain", uri, "--analyze", "DELETE FROM orders");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo(refusal("DELETE from public.orders"));

        CliRun allowed = CliRun.of(home, "explain", uri, "--analyze", "--allow-writes", "DELETE FROM orders");
        assertThat(allowed.exit()).as(allowed.toString()).isIn(0, 1);
        assertThat(allowed.out()).contains("ModifyTable");
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(20000);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void errorsSayWhere(TestPostgres pg) {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "SELECT id\nFORM orders");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pgdeck: Syntax error at or near \"orders\" (line 2, column 6)"
                + System.lineSeparator());
        CliRun two = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "SELECT 1; SELECT 2");
        assertThat(two.err()).contains("The text holds 2 statements");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void sequenceAdvancesAreStatedRefusedOrRun(TestPostgres pg) {
        String uri = Sessions.uri(pg, DB.name(pg));
        CliRun refused = CliRun.of(home, "explain", uri, "--analyze", "SELECT nextval('order_numbers')");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo(refusal("advances sequence order_numbers"));

        CliRun ran = CliRun.of(home, "explain", uri, "--analyze", "--allow-writes", "--json",
                "SELECT nextval('order_numbers')");
        assertThat(ran.exit()).as(ran.toString()).isZero();
        assertThat(ran.err()).isEqualTo("pgdeck: note: advanced sequence order_numbers; the rollback does not take"
                + " that back." + System.lineSeparator());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void timeoutsArePrintedAsGiven(TestPostgres pg) {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--analyze", "--timeout=500ms",
                "SELECT pg_sleep(3)");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pgdeck: Cancelled: the statement ran past statement_timeout (500 ms) or was"
                + " cancelled; nothing was kept." + System.lineSeparator());
        CliRun zero = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--timeout=0", "SELECT 1");
        assertThat(zero.err()).isEqualTo("pgdeck: --timeout must be more than 0: pgdeck never explains without a"
                + " statement_timeout." + System.lineSeparator());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aSavedPlanNeedsNoServer(TestPostgres pg) throws Exception {
        Path saved = home.resolve("plan.json");
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM orders WHERE status = 'stuck'")) {
            rs.next();
            java.nio.file.Files.writeString(saved, rs.getString(1));
        }
        // no connection given, none in the environment: it must not try one
        CliRun run = CliRun.of(home, "explain", "--plan", saved.toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(run.err()).isEmpty();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.get("server").asText()).isEqualTo("the plan in " + saved);
        assertThat(r.get("execution_ms").asDouble()).isPositive();
        assertThat(r.get("nodes").get(0).get("node_type").asText()).isEqualTo("Seq Scan");
        assertThat(r.get("nodes").get(0).get("exclusive_ms").asDouble()).isPositive();
        assertThat(r.get("insights")).anySatisfy(i -> assertThat(i.get("rule").asText()).isEqualTo("seq_scan_needs_index"));
    }

    @org.junit.jupiter.api.Test
    void aPlanAsPsqlPrintedItFromStandardInput() throws Exception {
        // printed by the real psql: see resources/io/pgdeck/explain/psql/README.md
        byte[] printed = java.nio.file.Files.readAllBytes(
                Path.of("src/test/resources/io/pgdeck/explain/psql/b2-unicode-wrapped.txt"));
        java.io.InputStream stdin = System.in;
        CliRun run;
        try {
            System.setIn(new java.io.ByteArrayInputStream(printed));
            run = CliRun.of(home, "explain", "--plan", "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(run.exit()).as(run.toString()).isIn(Cli.EXIT_OK, Cli.EXIT_WARN);
        assertThat(run.out()).startsWith("pgdeck explain on a plan from standard input (saved plan, ANALYZE): ")
                .contains("-> Hash Join", "-> Seq Scan on public.orders o");
    }

    @org.junit.jupiter.api.Test
    void badPlanInputIsOneSentence() throws Exception {
        CliRun missing = CliRun.of(home, "explain", "--plan", home.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("pgdeck: There is no file " + home.resolve("nope.json")
                + ": give the path of a saved EXPLAIN (FORMAT JSON) plan." + System.lineSeparator());

        Path text = home.resolve("plan.txt");
        java.nio.file.Files.writeString(text, "Seq Scan on orders  (cost=0.00..1.01 rows=1 width=4)\n");
        CliRun notAPlan = CliRun.of(home, "explain", "--plan", text.toString());
        assertThat(notAPlan.exit()).isEqualTo(2);
        assertThat(notAPlan.err()).startsWith("pgdeck: " + text + ": This is not an EXPLAIN plan in JSON (")
                .endsWith("): run EXPLAIN (FORMAT JSON) and paste its whole output." + System.lineSeparator())
                .hasLineCount(1);

        CliRun both = CliRun.of(home, "explain", "--plan", text.toString(), "SELECT 1");
        assertThat(both.err()).isEqualTo("pgdeck: Give a statement or --plan FILE, not both: a saved plan needs no"
                + " server." + System.lineSeparator());
    }

    private static String refusal(String sideEffects) {
        return "pgdeck: --analyze runs the statement for real, and it has side effects (" + sideEffects
                + "): add --allow-writes to run it; it is rolled back all the same." + System.lineSeparator();
    }
}
