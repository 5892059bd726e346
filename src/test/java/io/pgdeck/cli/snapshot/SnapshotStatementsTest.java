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
            assertThat(sinceReset.out()).contains("statements   top ", "by total time since the last reset", "slow_snapshot");
        } finally {
            running.set(false);
            workload.join(10_000);
        }
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
