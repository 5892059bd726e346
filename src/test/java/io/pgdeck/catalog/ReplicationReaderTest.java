package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.StandbyPairs;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicationReaderTest {

    private static final StandbyPairs PAIRS = new StandbyPairs();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MONITOR = "pgdeck_repl_monitor";

    @AfterAll
    static void stop() {
        PAIRS.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void thePrimarySeesItsStandbyFallBehindWhileReplayIsPausedAndCatchUpAfter(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        try (Target primary = open(pair.primaryProfile())) {
            ReplicationReader reader = new ReplicationReader(primary);
            ReplicationStatus status = reader.status();
            assertThat(status.standby()).isFalse();
            assertThat(status.role()).isEqualTo("primary");
            assertThat(status.nothingReplicates()).isFalse();
            ConnectedStandby standby = standby(status);
            assertThat(standby.state()).isEqualTo("streaming");
            assertThat(standby.syncState()).isEqualTo("async");
            assertThat(standby.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(status.slots()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo(StandbyServer.SLOT);
                assertThat(s.active()).isTrue();
                assertThat(s.type()).isEqualTo("physical");
                assertThat(s.walStatus()).isEqualTo("reserved");
            });
            assertThat(status.receiver()).isNull();

            pair.pauseReplay();
            try {
                // no autovacuum: on a loaded machine its WAL landed between the reader's figure and the
                // direct one in two runs, 63 and 110 whole pages of WAL apart
                pair.executeOnPrimary("CREATE TABLE IF NOT EXISTS lag_probe (n int) WITH (autovacuum_enabled = off)",
                        "INSERT INTO lag_probe SELECT g FROM generate_series(1, 20000) g");
                ReplicationStatus behind = await("the primary sees replay behind").atMost(WAIT).until(
                        reader::status, s -> standby(s).replayLagBytes() > 100_000);
                // the same figure from pg_stat_replication directly, read right after the reader
                long direct = Long.parseLong(pair.queryOnPrimary("SELECT pg_catalog.pg_wal_lsn_diff("
                        + "pg_catalog.pg_current_wal_lsn(), replay_lsn)::bigint FROM pg_catalog.pg_stat_replication"));
                long shown = standby(behind).replayLagBytes();
                System.out.printf("%s: replay lag shown %d bytes, pg_stat_replication %d bytes, difference %d%n",
                        pg, shown, direct, direct - shown);
                assertThat(Math.abs(direct - shown)).isLessThan(64 * 1024);
                assertThat(behind.walBytesPerSecond(status)).isPositive();
            } finally {
                pair.resumeReplay();
            }
            await("the standby caught up as the primary sees it").atMost(WAIT).until(reader::status,
                    s -> standby(s).replayLagBytes() == 0);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theStandbySeesItsReceiverItsReplayLagAndSaysWhenThePrimaryIsMerelyIdle(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        pair.executeOnPrimary("CREATE TABLE IF NOT EXISTS replay_probe (n int)");
        pair.awaitReplayed();
        try (Target standby = open(pair.standbyProfile())) {
            assertThat(standby.capabilities().inRecovery()).isTrue();
            ReplicationReader reader = new ReplicationReader(standby);
            ReplicationStatus status = await("replay caught up").atMost(WAIT).until(reader::status,
                    s -> s.replay().caughtUp());
            assertThat(status.standby()).isTrue();
            assertThat(status.role()).isEqualTo("standby");
            assertThat(status.standbys()).isEmpty();
            assertThat(status.receiver().streaming()).isTrue();
            assertThat(status.receiver().sender()).isEqualTo("127.0.0.1:" + pair.primaryPort());
            assertThat(status.receiver().slotName()).isEqualTo(StandbyServer.SLOT);
            assertThat(status.replay().paused()).isFalse();
            assertThat(status.replay().lag()).isZero();
            assertThat(status.replay().describe()).contains(ReplayLag.IDLE);
            assertThat(status.conflicts()).extracting(RecoveryConflicts::database).contains(StandbyServer.DATABASE);

            pair.pauseReplay();
            try {
                pair.executeOnPrimary("INSERT INTO replay_probe SELECT g FROM generate_series(1, 20000) g");
                ReplicationStatus behind = await("received but not replayed").atMost(WAIT).until(reader::status,
                        s -> s.replay().lagBytes() > 100_000);
                assertThat(behind.replay().paused()).isTrue();
                assertThat(behind.replay().caughtUp()).isFalse();
                assertThat(behind.replay().describe()).doesNotContain(ReplayLag.IDLE).contains("behind");
            } finally {
                pair.resumeReplay();
            }
            await("replay caught up again").atMost(WAIT).until(reader::status, s -> s.replay().caughtUp());
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aSlotWhoseStandbyStoppedIsInactiveAndRetainsWal(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        pair.stopStandby();
        try (Target primary = open(pair.primaryProfile())) {
            pair.executeOnPrimary("CREATE TABLE IF NOT EXISTS retained_probe (n int)",
                    "INSERT INTO retained_probe SELECT g FROM generate_series(1, 50000) g");
            ReplicationStatus status = await("the slot inactive and retaining WAL").atMost(WAIT).until(
                    new ReplicationReader(primary)::status,
                    s -> s.standbys().isEmpty() && !s.slots().get(0).active() && s.slots().get(0).retainsAtLeast(1 << 20));
            ReplicationSlot slot = status.slots().get(0);
            assertThat(slot.activePid()).isNull();
            assertThat(slot.invalidationReason()).isNull();
            if (pg == TestPostgres.NEWEST) {
                assertThat(slot.inactiveSince()).isNotNull();
            }
        } finally {
            pair.startStandby();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aRoleWithOnlyPgMonitorReadsTheSameFigures(TestPostgres pg) throws Exception {
        StandbyServer pair = PAIRS.get(pg);
        pair.executeOnPrimary("DO $$ BEGIN CREATE ROLE " + MONITOR + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT pg_monitor TO " + MONITOR);
        pair.awaitReplayed();
        try (Target asSuperuser = open(pair.primaryProfile());
             Target asMonitor = open(pair.primaryProfile(StandbyServer.DATABASE, MONITOR));
             Target standbyAsMonitor = open(pair.standbyProfile(StandbyServer.DATABASE, MONITOR))) {
            assertThat(asMonitor.capabilities().superuser()).isFalse();
            ReplicationStatus full = new ReplicationReader(asSuperuser).status();
            ReplicationStatus monitored = new ReplicationReader(asMonitor).status();
            assertThat(standby(monitored).state()).isEqualTo(standby(full).state());
            assertThat(standby(monitored).clientAddress()).isEqualTo(standby(full).clientAddress());
            assertThat(standby(monitored).replayLagBytes()).isNotNull();
            assertThat(standby(monitored).sentLagBytes()).isNotNull();
            assertThat(monitored.slots()).isEqualTo(full.slots());
            assertThat(monitored.archiver()).isEqualTo(full.archiver());

            ReplicationStatus onStandby = new ReplicationReader(standbyAsMonitor).status();
            assertThat(onStandby.receiver().streaming()).isTrue();
            assertThat(onStandby.receiver().sender()).isEqualTo("127.0.0.1:" + pair.primaryPort());
            assertThat(onStandby.receiver().flushedLsn()).isNotNull();
            assertThat(onStandby.replay().pauseState()).isEqualTo("not paused");
        }
    }

    private static ConnectedStandby standby(ReplicationStatus status) {
        return status.standbys().stream().filter(s -> StandbyServer.APPLICATION.equals(s.applicationName()))
                .findFirst().orElseThrow(() -> new AssertionError("no standby in " + status.standbys()));
    }

    private static Target open(ConnectionProfile profile) throws SQLException {
        return Target.open(profile, TargetOptions.defaults());
    }
}
