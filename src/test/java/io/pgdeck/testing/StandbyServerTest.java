package io.pgdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandbyServerTest {

    private static final StandbyPairs PAIRS = new StandbyPairs();

    @AfterAll
    static void stop() {
        PAIRS.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theStandbyStreamsAndReplaysWhatThePrimaryWrites(TestPostgres pg) {
        StandbyServer pair = PAIRS.get(pg);
        assertThat(pair.queryOnStandby("SELECT pg_catalog.pg_is_in_recovery()::text")).isEqualTo("true");
        assertThat(pair.queryOnPrimary("SELECT pg_catalog.pg_is_in_recovery()::text")).isEqualTo("false");

        pair.executeOnPrimary("CREATE TABLE fixture_probe AS SELECT g FROM generate_series(1, 1000) g");
        pair.awaitReplayed();
        assertThat(pair.queryOnStandby("SELECT count(*) FROM fixture_probe")).isEqualTo("1000");

        pair.pauseReplay();
        pair.executeOnPrimary("INSERT INTO fixture_probe SELECT g FROM generate_series(1, 1000) g");
        await("the standby receives what it does not replay").atMost(Duration.ofSeconds(30)).until( () -> Long.parseLong(
                pair.queryOnStandby("SELECT pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_last_wal_receive_lsn(),"
                        + " pg_catalog.pg_last_wal_replay_lsn())::bigint")), lag -> lag > 0);
        assertThat(pair.queryOnStandby("SELECT count(*) FROM fixture_probe")).isEqualTo("1000");
        pair.resumeReplay();
        pair.awaitReplayed();
        assertThat(pair.queryOnStandby("SELECT count(*) FROM fixture_probe")).isEqualTo("2000");
        pair.executeOnPrimary("DROP TABLE fixture_probe");
    }
}
