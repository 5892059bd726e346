package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.testing.TestPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** snapshot --json has a queues section; check warns on a backlog over the seed's 1,000 pending. */
class QueuesCliTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void snapshotReportsTheSeedQueueAndCheckWarnsOnItsBacklog(TestPostgres pg) throws Exception {
        String db = planted(pg, "seed_job_queue.sql");
        CliRun snapshot = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s");
        assertThat(snapshot.exit()).as(snapshot.toString()).isZero();
        JsonNode queues = new ObjectMapper().readTree(snapshot.out()).get("queues");
        assertThat(queues.get("installations").get(0).asText()).isEqualTo("job_queue (streamvibe)");
        JsonNode q = queues.get("queues").get(0);
        assertThat(q.get("queue").asText()).isEqualTo("job_queue");
        assertThat(q.get("depth").get("waiting").asLong()).isEqualTo(3);
        assertThat(q.get("depth").get("dead").asLong()).isEqualTo(1);
        assertThat(q.get("library_states").get("pending").asLong()).isEqualTo(5);
        assertThat(q.get("oldest_waiting_seconds").asDouble()).isBetween(600.0, 660.0);
        assertThat(q.get("stuck").asLong()).isEqualTo(1);
        assertThat(q.get("failed").asLong()).isEqualTo(1);
        assertThat(q.get("done_per_minute").asDouble()).isEqualTo(0.6);

        CliRun quiet = CliRun.of(home, "check", Sessions.uri(pg, db), "--queue-age", "1h", "--queue-failure-pct", "60");
        assertThat(quiet.out()).as(quiet.toString()).contains("OK    queue job_queue");

        pg.execute(db, "INSERT INTO streamvibe.job_queue (user_id, job_type) SELECT gen_random_uuid(), 'sync_youtube'"
                + " FROM generate_series(1, 1000)");
        CliRun check = CliRun.of(home, "check", Sessions.uri(pg, db), "--queue-age", "1h", "--queue-failure-pct", "60");
        assertThat(check.exit()).as(check.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(check.out()).contains("WARN  queue job_queue").contains("1,003 waiting (warn over 1,000)");
    }

    /** A job_queue as guide 001 names it has no max_retries: --retry-limit is its limit for the run. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theRetryLimitOptionDecidesWhichFailedSeedJobsAreDead(TestPostgres pg) throws Exception {
        String db = planted(pg, "seed_001_job_queue.sql");
        CliRun guide = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s");
        assertThat(new ObjectMapper().readTree(guide.out()).get("queues").get("queues").get(0).get("depth").get("dead")
                .asLong()).as(guide.toString()).isEqualTo(1);
        CliRun four = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s", "--retry-limit", "4");
        JsonNode depth = new ObjectMapper().readTree(four.out()).get("queues").get("queues").get(0).get("depth");
        assertThat(depth.get("dead").asLong()).as(four.toString()).isZero();
        assertThat(depth.get("retryable").asLong()).isEqualTo(2);
    }

    /** A fresh database with one of the queue fixtures planted. */
    private String planted(TestPostgres pg, String fixture) throws java.io.IOException {
        String db = pg.freshDatabase().database();
        try (InputStream in = getClass().getResourceAsStream("/io/pgdeck/queue/" + fixture)) {
            pg.execute(db, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return db;
    }
}
