package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.testing.StandbyPairs;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicationCliTest {

    private static final StandbyPairs PAIRS = new StandbyPairs();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @AfterAll
    static void stop() {
        PAIRS.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void snapshotShowsBothSidesOfReplication(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        CliRun onPrimary = CliRun.of(home, "snapshot", uri(pair.primaryPort()), "--json", "--interval", "300ms");
        assertThat(onPrimary.exit()).as(onPrimary.toString()).isZero();
        JsonNode primary = new ObjectMapper().readTree(onPrimary.out()).get("replication");
        assertThat(primary.get("role").asText()).isEqualTo("primary");
        assertThat(primary.get("wal_bytes_per_second").isNumber()).isTrue();
        assertThat(primary.get("standbys").get(0).get("application_name").asText()).isEqualTo(StandbyServer.APPLICATION);
        assertThat(primary.get("standbys").get(0).get("state").asText()).isEqualTo("streaming");
        assertThat(primary.get("standbys").get(0).has("replay_lag_bytes")).isTrue();
        assertThat(primary.get("slots").get(0).get("name").asText()).isEqualTo(StandbyServer.SLOT);
        assertThat(primary.get("slots").get(0).get("active").asBoolean()).isTrue();
        assertThat(primary.get("receiver").isNull()).isTrue();

        CliRun onStandby = CliRun.of(home, "snapshot", uri(pair.standbyPort()), "--json", "--interval", "300ms");
        assertThat(onStandby.exit()).as(onStandby.toString()).isZero();
        JsonNode snapshot = new ObjectMapper().readTree(onStandby.out());
        assertThat(snapshot.get("server").get("in_recovery").asBoolean()).isTrue();
        JsonNode standby = snapshot.get("replication");
        assertThat(standby.get("role").asText()).isEqualTo("standby");
        assertThat(standby.get("receiver").get("status").asText()).isEqualTo("streaming");
        assertThat(standby.get("receiver").get("sender_port").asInt()).isEqualTo(pair.primaryPort());
        assertThat(standby.get("lag").has("bytes")).isTrue();
        assertThat(standby.get("lag").has("caught_up")).isTrue();
        assertThat(standby.get("recovery_conflicts").asLong()).isZero();

        CliRun text = CliRun.of(home, "snapshot", uri(pair.standbyPort()), "--interval", "0");
        assertThat(text.out()).containsPattern("(?m)^replication  standby, receiver streaming from 127\\.0\\.0\\.1:"
                + pair.primaryPort() + " through slot " + StandbyServer.SLOT + "$");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void checkWarnsOnReplayLagOnBothSides(TestPostgres pg) {
        StandbyServer pair = PAIRS.get(pg);
        CliRun calm = CliRun.of(home, "check", uri(pair.standbyPort()));
        assertThat(calm.out()).containsPattern("(?m)^OK    replication +standby of 127\\.0\\.0\\.1:" + pair.primaryPort()
                + ", caught up; no recent transactions on the primary");
        pair.pauseReplay();
        try {
            pair.executeOnPrimary("CREATE TABLE IF NOT EXISTS cli_lag (n int)",
                    "INSERT INTO cli_lag SELECT g FROM generate_series(1, 20000) g");
            CliRun standby = await("check on the standby warns").atMost(WAIT).until(
                    () -> CliRun.of(home, "check", uri(pair.standbyPort()), "--replication-lag-mb", "0"),
                    r -> r.out().contains("WARN  replication "));
            assertThat(standby.exit()).isEqualTo(Cli.EXIT_WARN);
            assertThat(standby.out()).containsPattern("(?m)^WARN  replication +standby of .* behind, .*\\(replay paused\\)");
            CliRun primary = await("check on the primary warns").atMost(WAIT).until(
                    () -> CliRun.of(home, "check", uri(pair.primaryPort()), "--replication-lag-mb", "0"),
                    r -> r.out().contains("WARN  replication "));
            assertThat(primary.out()).containsPattern("(?m)^WARN  replication +primary, 1 standby\\(s\\): "
                    + StandbyServer.APPLICATION + " \\(127\\.0\\.0\\.1, streaming\\) replay lag .*behind");
        } finally {
            pair.resumeReplay();
        }
        pair.awaitReplayed();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void checkWarnsAboutAnInactiveSlotRetainingWal(TestPostgres pg) {
        StandbyServer pair = PAIRS.get(pg);
        pair.stopStandby();
        try {
            pair.executeOnPrimary("CREATE TABLE IF NOT EXISTS cli_retained (n int)",
                    "INSERT INTO cli_retained SELECT g FROM generate_series(1, 50000) g");
            CliRun run = await("check warns about the slot").atMost(WAIT).until(
                    () -> CliRun.of(home, "check", uri(pair.primaryPort()), "--slot-retained-mb", "1"),
                    r -> r.out().contains("WARN  replication slots"));
            assertThat(run.exit()).isEqualTo(Cli.EXIT_WARN);
            assertThat(run.out()).containsPattern("(?m)^WARN  replication slots +" + StandbyServer.SLOT
                    + " is inactive and retains [0-9.]+ MB of WAL: start its standby or drop the slot");
            assertThat(run.out()).containsPattern("(?m)^OK    replication +primary, no standby connected");
        } finally {
            pair.startStandby();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void checkWarnsWhileArchivingFailsAndNotAfterItWorksAgain(TestPostgres pg) {
        StandbyServer pair = PAIRS.get(pg);
        try {
            pair.executeOnPrimary("ALTER SYSTEM SET archive_command = 'false'", "SELECT pg_catalog.pg_reload_conf()",
                    "CREATE TABLE IF NOT EXISTS cli_archive (n int)", "INSERT INTO cli_archive VALUES (1)",
                    "SELECT pg_catalog.pg_switch_wal()");
            CliRun failing = await("check warns about archiving").atMost(WAIT).until(
                    () -> CliRun.of(home, "check", uri(pair.primaryPort())), r -> r.out().contains("WARN  wal archiving"));
            assertThat(failing.out()).containsPattern("(?m)^WARN  wal archiving +failing: [0-9A-F]{24} failed at .*, last success never");
            pair.executeOnPrimary("ALTER SYSTEM SET archive_command = 'true'", "SELECT pg_catalog.pg_reload_conf()");
            CliRun working = await("archiving works again").atMost(WAIT).until(
                    () -> CliRun.of(home, "check", uri(pair.primaryPort())), r -> r.out().contains("OK    wal archiving"));
            assertThat(working.out()).containsPattern("(?m)^OK    wal archiving +[1-9][0-9]* archived, last .*, no failure since");
        } finally {
            pair.executeOnPrimary("ALTER SYSTEM RESET archive_command", "SELECT pg_catalog.pg_reload_conf()");
        }
    }

    private static String uri(int port) {
        return "postgresql://postgres@localhost:" + port + "/" + StandbyServer.DATABASE + "?sslmode=disable";
    }
}
