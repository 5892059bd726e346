package io.pgdeck.cli.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.Sessions;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The statements section of {@code pgdeck snapshot}: two reads --interval apart, heaviest first. */
class SnapshotStatementsTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theSlowestQueryOfTheIntervalTopsTheSection(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread workload = new Thread(() -> {
            try (Connection c = pg.connect(db)) {
                while (running.get()) {
                    Sessions.execute(c, "SELECT pg_sleep(0.02) AS slow_snapshot");
                    Sessions.execute(c, "SELECT 1 AS cheap");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "snapshot-statements-workload");
        workload.setDaemon(true);
        workload.start();
        try {
            CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "1s");
            assertThat(run.exit()).as(run.toString()).isZero();
            JsonNode statements = new ObjectMapper().readTree(run.out()).get("statements");
            assertThat(statements.get("available").asBoolean()).isTrue();
            assertThat(statements.get("window_seconds").asDouble()).isBetween(1.0, 10.0);
            List<JsonNode> top = StreamSupport.stream(statements.get("top").spliterator(), false).toList();
            // the cheap statement may fall out of the top 500 on a server busy with other tests
            assertThat(top).hasSizeBetween(1, StatementsSection.TOP);
            JsonNode first = top.get(0);
            assertThat(first.get("query").asText()).contains("slow_snapshot");
            assertThat(first.get("database").asText()).isEqualTo(db);
            assertThat(first.get("calls_per_second").asDouble()).isPositive();
            assertThat(first.get("mean_millis").asDouble()).isGreaterThanOrEqualTo(20.0);
            for (JsonNode s : top) {
                for (String figure : List.of("calls", "calls_per_second", "total_millis", "millis_per_second",
                        "mean_millis", "shared_blocks_read_per_second", "temp_blocks_written_per_second")) {
                    assertThat(s.get(figure).asDouble()).as(figure).isNotNegative();
                }
            }
            assertThat(top).extracting(s -> s.get("total_millis").asDouble())
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));

            CliRun sinceReset = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--interval", "0");
            assertThat(sinceReset.out()).contains("statements   top ", "by total time since ", "slow_snapshot");
        } finally {
            running.set(false);
            workload.join(10_000);
        }
    }

    /** The complaint: a slow query that ran a minute ago was in no snapshot, which listed the interval alone. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aSlowQueryThatRanBeforeTheIntervalIsInTheTotals(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        try (Connection c = pg.connect(db)) {
            // long enough to stay in the server-wide top 20 beside the other test classes' statements
            Sessions.execute(c, "SELECT pg_sleep(2) AS slow_earlier");
        }
        CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "1s");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode statements = new ObjectMapper().readTree(run.out()).get("statements");
        List<JsonNode> totals = StreamSupport.stream(statements.get("since_reset").spliterator(), false).toList();
        JsonNode slow = totals.stream().filter(s -> s.get("query").asText().contains("slow_earlier")).findFirst()
                .orElseThrow(() -> new AssertionError("slow_earlier not in " + totals));
        assertThat(slow.get("calls").asDouble()).isEqualTo(1.0);
        assertThat(slow.get("total_millis").asDouble()).isGreaterThanOrEqualTo(2000.0);
        assertThat(statements.get("top")).as("it did not run in the interval")
                .noneMatch(s -> s.get("query").asText().contains("slow_earlier"));
        if (pg == TestPostgres.NEWEST) {
            assertThat(statements.get("statistics_since").asText()).as("pg_stat_statements_info, PG14+").isNotEmpty();
        } else {
            assertThat(statements.get("statistics_since").isNull()).as("no pg_stat_statements_info before PG14").isTrue();
        }

        CliRun text = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--interval", "1s");
        assertThat(text.out()).contains("by total time since ", "slow_earlier", "by total time in the last");
    }

    /** pgdeck's monitoring statements carry its marker comment and are left out unless --include-own. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pgdecksOwnStatementsAreLeftOutUnlessAskedFor(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--interval", "0"); // pgdeck's statements have run once

        JsonNode hidden = new ObjectMapper().readTree(CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json",
                "--interval", "0").out()).get("statements");
        assertThat(hidden.get("own_hidden").asLong()).isPositive();
        assertThat(hidden.get("since_reset")).noneMatch(s -> s.get("query").asText().contains("/* pgdeck */"));

        JsonNode shown = new ObjectMapper().readTree(CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json",
                "--interval", "0", "--include-own").out()).get("statements");
        assertThat(shown.get("own_hidden").asLong()).isZero();
    }

    @Test
    void withoutTheExtensionTheSectionSaysWhatToChange() {
        TestPostgres pg = TestPostgres.NEWEST;
        String db = pg.freshDatabase().database();
        pg.execute(db, "DROP EXTENSION pg_stat_statements");
        CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--interval", "0");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("statements   unavailable: pg_stat_statements is preloaded but not created"
                + " in this database: run CREATE EXTENSION pg_stat_statements.");
    }
}
