package io.pgdeck.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.cli.Sessions;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotCommandTest {

    @TempDir
    Path home;

    /**
     * A session holding a lock, idle in its transaction, and a second one waiting on it: the
     * snapshot must show the first as oldest idle in transaction and as root of the blocking tree,
     * the second as its waiter and as a long-running query.
     */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void jsonHasEverySectionWithSaneValues(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        pg.execute(db, "CREATE TABLE jobs (id int)", "CREATE INDEX jobs_id ON jobs (id)");
        try (Connection holder = pg.connect(db); Connection waiter = pg.connect(db); Connection observer = pg.connect(db)) {
            int holderPid = Sessions.pid(holder);
            int waiterPid = Sessions.pid(waiter);
            holder.setAutoCommit(false);
            Sessions.execute(holder, "LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> Sessions.execute(waiter, "SELECT count(*) FROM jobs"));
            await("the waiter waits on the lock").atMost(Duration.ofSeconds(10)).until(
                    () -> Sessions.queryInt(observer, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = " + waiterPid),
                    n -> n == 1);

            Instant before = Instant.now();
            CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "300ms", "--long-query", "0s");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out().strip()).doesNotContain("\n");
            JsonNode s = new ObjectMapper().readTree(run.out());

            assertThat(fieldNames(s)).containsExactly("pgdeck_version", "taken_at", "target", "server", "databases",
                    "connections", "long_running", "blocking", "pool", "capabilities", "statements", "bloat", "indexes", "partitions", "matviews", "queues",
                    "replication");
            JsonNode indexes = s.get("indexes");
            assertThat(fieldNames(indexes)).containsExactly("stats_window_seconds", "indexes", "unused", "duplicate",
                    "redundant", "invalid", "missing_index_hints");
            assertThat(indexes.get("invalid").size()).isZero();
            // jobs is locked ACCESS EXCLUSIVE: its index is listed, neither sized nor deparsed, and nothing waited
            assertThat(indexes.get("unused").get(0).get("index").asText()).isEqualTo("jobs_id");
            assertThat(indexes.get("unused").get(0).get("size_bytes").isNull()).isTrue();
            assertThat(indexes.get("unused").get(0).get("definition").isNull()).isTrue();
            assertThat(indexes.get("stats_window_seconds").asDouble()).isPositive();
            assertThat(Instant.parse(s.get("taken_at").asText())).isAfter(before);
            assertThat(s.get("target").asText()).isEqualTo("postgres@localhost:" + pg.port() + "/" + db);

            JsonNode server = s.get("server");
            assertThat(server.get("version_num").asInt() / 10000).isEqualTo(pg == TestPostgres.OLDEST ? 13 : 17);
            assertThat(server.get("version").asText()).startsWith(pg == TestPostgres.OLDEST ? "13." : "17.");
            assertThat(server.get("max_connections").asInt()).isEqualTo(120);
            assertThat(server.get("uptime_seconds").asLong()).isNotNegative();
            assertThat(Instant.parse(server.get("started_at").asText())).isBefore(before);
            assertThat(server.get("in_recovery").asBoolean()).isFalse();
            assertThat(server.get("database").asText()).isEqualTo(db);

            JsonNode mine = find(s.get("databases"), "name", db);
            assertThat(mine.get("size_bytes").asLong()).isPositive();
            assertThat(mine.get("commits").asLong()).isPositive();
            assertThat(mine.get("cache_hit_ratio").asDouble()).isBetween(0.0, 1.0);
            JsonNode rates = mine.get("rates");
            assertThat(rates.get("interval_seconds").asDouble()).isGreaterThanOrEqualTo(0.3);
            for (String rate : List.of("commits_per_second", "rollbacks_per_second", "blocks_read_per_second",
                    "temp_bytes_per_second", "deadlocks_per_second")) {
                assertThat(rates.get(rate).isNumber()).as(rate).isTrue();
                assertThat(rates.get(rate).asDouble()).as(rate).isNotNegative();
            }

            JsonNode connections = s.get("connections");
            assertThat(connections.get("total").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(connections.get("max_connections").asInt()).isEqualTo(120);
            assertThat(connections.get("by_application").get("pgdeck-test").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(connections.get("by_state").get("idle in transaction").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(connections.get("by_user").get("postgres").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(connections.get("by_client")).isNotEmpty();
            JsonNode idle = connections.get("oldest_idle_in_transaction");
            assertThat(idle.get("pid").asInt()).isEqualTo(holderPid);
            assertThat(idle.get("idle_seconds").asDouble()).isNotNegative();
            assertThat(idle.get("last_query").asText()).contains("LOCK TABLE jobs");

            JsonNode longRunning = s.get("long_running");
            assertThat(longRunning.get("over_seconds").asDouble()).isZero();
            JsonNode waiting = find(longRunning.get("queries"), "pid", waiterPid);
            assertThat(waiting.get("wait_event_type").asText()).isEqualTo("Lock");
            assertThat(waiting.get("query").asText()).contains("FROM jobs");
            assertThat(waiting.get("age_seconds").asDouble()).isPositive();

            JsonNode root = find(s.get("blocking"), "pid", holderPid);
            assertThat(root.get("total_waiters").asInt()).isEqualTo(1);
            assertThat(root.get("state").asText()).isEqualTo("idle in transaction");
            assertThat(root.get("query").asText()).contains("LOCK TABLE jobs");
            assertThat(root.get("waiters").get(0).get("pid").asInt()).isEqualTo(waiterPid);

            JsonNode pool = s.get("pool");
            assertThat(pool.get("maximum").asInt()).isEqualTo(ConnectionOptions.TARGET_OPTIONS.poolSize());
            assertThat(pool.get("total").asInt()).isBetween(1, pool.get("maximum").asInt());

            JsonNode capabilities = s.get("capabilities");
            assertThat(capabilities.get("superuser").asBoolean()).isTrue();
            assertThat(capabilities.get("statements_usable").asBoolean()).isTrue();
            assertThat(capabilities.get("extensions").has("pg_stat_statements")).isTrue();
            assertThat(capabilities.get("hints").isArray()).isTrue();

            holder.rollback();
            blocked.get(10, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void textVersionWithoutRates(TestPostgres pg) {
        ConnectionProfile profile = pg.freshDatabase();
        CliRun run = CliRun.of(home, "snapshot", "-h", "localhost", "-p", Integer.toString(pg.port()), "-U", "postgres",
                "-d", profile.database(), "--interval", "0");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("server       PostgreSQL " + (pg == TestPostgres.OLDEST ? "13." : "17."))
                .contains("connections  ", "max_connections", "by application:", "oldest idle in transaction:",
                        "databases    ", profile.database(), "long-running none over 30.0 s", "blocking     none",
                        "pool         pgdeck's own: ");
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }

    private static JsonNode find(JsonNode array, String field, Object value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> n.get(field).asText().equals(String.valueOf(value)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }
}
