package io.pgdeck.queue.bullmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.Sessions;
import io.pgdeck.testing.RedisServer;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * snapshot --json --redis: BullMQ's queues sit beside the database's in the queues section, and
 * a Redis that cannot be reached is one sentence among the problems (no password in it) while
 * the others still show; check warns on a BullMQ backlog with the same threshold.
 */
class BullMqCliTest {

    @TempDir
    Path home;

    @Test
    void snapshotShowsBullMqQueuesBesideThePostgresOnes() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        String db = pg.freshDatabase().database();
        try (InputStream in = getClass().getResourceAsStream("/io/pgdeck/queue/seed_job_queue.sql")) {
            pg.execute(db, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (RedisServer redis = RedisServer.start(); BullMqWriter writer = new BullMqWriter(redis.url())) {
            long now = System.currentTimeMillis();
            writer.plant("insightdesk-refresh", BullMqWriter.plan().add("now", "refresh_matviews", "{}", Map.of(), now)
                    .add("later", "refresh_matviews", "{}", Map.of("delay", 3_600_000), now));
            String dead = "redis://:hunter2-secret@localhost:" + freePort() + "/0";

            CliRun snapshot = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s",
                    "--redis", redis.url(), "--redis", dead);
            assertThat(snapshot.exit()).as(snapshot.toString()).isZero();
            assertThat(snapshot.out() + snapshot.err()).doesNotContain("hunter2-secret");
            JsonNode queues = new ObjectMapper().readTree(snapshot.out()).get("queues");
            List<String> installations = new ArrayList<>();
            queues.get("installations").forEach(i -> installations.add(i.asText()));
            assertThat(installations).contains("job_queue (streamvibe)", "BullMQ (localhost:" + redis.port() + "/0 bull)");
            List<String> names = new ArrayList<>();
            queues.get("queues").forEach(q -> names.add(q.get("library").asText() + "/" + q.get("queue").asText()));
            assertThat(names).containsExactlyInAnyOrder("job_queue/job_queue", "BullMQ/insightdesk-refresh");
            JsonNode bull = queues.get("queues").get(names.indexOf("BullMQ/insightdesk-refresh"));
            assertThat(bull.get("depth").get("waiting").asLong()).isEqualTo(1);
            assertThat(bull.get("depth").get("scheduled").asLong()).isEqualTo(1);
            assertThat(bull.get("library_states").get("delayed").asLong()).isEqualTo(1);
            assertThat(queues.get("problems")).singleElement().satisfies(p ->
                    assertThat(p.asText()).startsWith("BullMQ (localhost:").contains("Redis cannot be reached"));

            writer.plant("insightdesk-refresh", BullMqWriter.plan().addMany(1_001, "refresh_matviews", "{}"));
            CliRun check = CliRun.of(home, "check", Sessions.uri(pg, db), "--redis", redis.url());
            assertThat(check.out()).as(check.toString()).contains("WARN  queue insightdesk-refresh")
                    .contains("1,002 waiting (warn over 1,000)");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
