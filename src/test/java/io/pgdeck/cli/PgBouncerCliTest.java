package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.catalog.BouncerPool;
import io.pgdeck.catalog.PgBouncerReader;
import io.pgdeck.testing.HeldTransactions;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshot} and {@code check} with a real PgBouncer (1.18) in front of PostgreSQL 17. */
class PgBouncerCliTest {

    private static final TestPostgres PG = TestPostgres.NEWEST;
    private static String database;

    @TempDir
    Path home;

    @BeforeAll
    static void database() {
        database = PG.freshDatabase().database();
    }

    private static String console(PgBouncerServer bouncer) {
        return "postgresql://" + PgBouncerServer.STATS + "@localhost:" + bouncer.port() + "/pgbouncer?sslmode=disable";
    }

    @Test
    void snapshotJsonHasThePgBouncerSection() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).set("default_pool_size", "25")
                .set("max_client_conn", "200").start();
             Connection app = DriverManager.getConnection("jdbc:postgresql://localhost:" + bouncer.port() + "/" + database,
                     props()); Statement st = app.createStatement()) {
            st.execute("SELECT 1");
            CliRun run = CliRun.of(home, "snapshot", Sessions.uri(PG, database), "--pgbouncer", console(bouncer),
                    "--json", "--interval", "300ms");
            assertThat(run.exit()).as(run.toString()).isZero();
            JsonNode b = new ObjectMapper().readTree(run.out()).get("pgbouncer");
            assertThat(b).as(run.out()).isNotNull();
            assertThat(b.get("console").asText()).isEqualTo("pgdeck_stats@localhost:" + bouncer.port() + "/pgbouncer");
            assertThat(b.get("version").asText()).startsWith("PgBouncer 1.");
            assertThat(b.get("unavailable").isNull()).isTrue();
            assertThat(b.get("max_client_conn").asInt()).isEqualTo(200);
            assertThat(b.get("clients").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(b.get("config").get("pool_mode").asText()).isEqualTo("transaction");
            assertThat(b.get("config").get("default_pool_size").asText()).isEqualTo("25");
            JsonNode pool = find(b.get("pools"), database);
            assertThat(pool.get("user").asText()).isEqualTo("postgres");
            assertThat(pool.get("pool_mode").asText()).isEqualTo("transaction");
            assertThat(pool.get("clients_active").asInt()).isEqualTo(1);
            assertThat(pool.get("pool_size").asInt()).isEqualTo(25);
            assertThat(pool.get("max_wait_seconds").asDouble()).isZero();
            JsonNode traffic = find(b.get("traffic"), database);
            assertThat(traffic.get("interval_seconds").asDouble()).isGreaterThanOrEqualTo(0.3);
            assertThat(traffic.get("total_queries").asLong()).isPositive();
            assertThat(traffic.get("queries_per_second").asDouble()).isZero();
            assertThat(b.get("warnings").size()).isZero();
        }
    }

    @Test
    void textSnapshotOfATargetThatIsABouncerFindsItsConsole() {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).start()) {
            CliRun run = CliRun.of(home, "snapshot", "postgresql://postgres@localhost:" + bouncer.port() + "/" + database
                    + "?sslmode=disable", "--interval", "0s");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).contains("pgbouncer    PgBouncer 1.", " at postgres@localhost:" + bouncer.port()
                    + "/pgbouncer", "pool_mode=transaction");
        }
    }

    @Test
    void checkWarnsWhenClientsWaitForAFullPool() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).set("default_pool_size", "2").start()) {
            CliRun quiet = CliRun.of(home, "check", Sessions.uri(PG, database), "--pgbouncer", console(bouncer));
            assertThat(oneSpaced(quiet.out())).as(quiet.toString()).contains(
                    "OK pgbouncer waiting 0 client(s) waiting, the longest 0.0 s, warn over 5.0 s",
                    "OK pgbouncer pools 0 pool(s) below 100% of their pool_size",
                    "OK pgbouncer clients 1 of 100 max_client_conn, warn at 80%");
            try (HeldTransactions held = HeldTransactions.start(bouncer, database, PgBouncerServer.ADMIN, 5);
                 PgBouncerReader reader = new PgBouncerReader(bouncer.adminProfile(PgBouncerServer.STATS))) {
                await("the oldest client waits over 1 s").atMost(Duration.ofSeconds(30)).until(
                        () -> reader.read().pools().stream().filter(p -> p.database().equals(database)).findFirst()
                                .map(BouncerPool::maxWait).orElse(Duration.ZERO),
                        w -> w.compareTo(Duration.ofMillis(1100)) > 0);
                CliRun run = CliRun.of(home, "check", Sessions.uri(PG, database), "--pgbouncer", console(bouncer),
                        "--pgbouncer-maxwait", "1s");
                assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
                assertThat(oneSpaced(run.out())).contains("WARN pgbouncer waiting Pool " + database
                        + "/postgres: 3 client(s) waiting for a server connection, the oldest for ");
                assertThat(run.out()).contains("(warn over 1 s).");
                assertThat(oneSpaced(run.out())).contains("WARN pgbouncer pools Pool " + database
                        + "/postgres holds 2 of its pool_size of 2 server connections and 3 client(s) wait.");
            }
        }
    }

    @Test
    void aConsoleAddressThatIsNotTheConsoleIsOneSentence() {
        CliRun run = CliRun.of(home, "check", Sessions.uri(PG, database), "--pgbouncer",
                "postgresql://pgdeck_stats@localhost:6432/app");
        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(oneSpaced(run.out())).contains("WARN pgbouncer The PgBouncer admin console is the database"
                + " \"pgbouncer\", not \"app\": end the address with /pgbouncer.");
    }

    /** The check's lines with their column padding folded, so an assertion reads as the sentence. */
    private static String oneSpaced(String out) {
        return out.replaceAll(" {2,}", " ");
    }

    private static Properties props() {
        Properties props = new Properties();
        props.setProperty("user", PgBouncerServer.ADMIN);
        return props;
    }

    private static JsonNode find(JsonNode array, String database) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.get("database").asText().equals(database))
                .findFirst().orElseThrow(() -> new AssertionError(database + " not in " + array));
    }
}
