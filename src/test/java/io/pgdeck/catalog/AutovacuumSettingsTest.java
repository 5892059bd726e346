package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AutovacuumSettingsTest {

    private static final AutovacuumSettings SERVER = AutovacuumSettings.of(Map.of("autovacuum", "on",
            "autovacuum_vacuum_threshold", "50", "autovacuum_vacuum_scale_factor", "0.2",
            "autovacuum_freeze_max_age", "200000000"));

    @Test
    void aTableTunedLikeTheSeedsVacuumsAtFivePercent() {
        // the seed's job_queue: ALTER TABLE job_queue SET (autovacuum_vacuum_scale_factor = 0.05, ...)
        AutovacuumSettings jobQueue = SERVER.forTable(new String[] {"autovacuum_vacuum_scale_factor=0.05",
            "autovacuum_analyze_scale_factor=0.05", "autovacuum_vacuum_cost_delay=10"});
        assertThat(SERVER.vacuumThresholdFor(100_000)).isEqualTo(20_050);
        assertThat(jobQueue.vacuumThresholdFor(100_000)).isEqualTo(5_050);
        assertThat(jobQueue.analyzeThresholdFor(100_000)).isEqualTo(5_050);
    }

    @Test
    void switchedOffPerTableAndFreezeMaxAgeOnlyLowered() {
        AutovacuumSettings t = SERVER.forTable(new String[] {"autovacuum_enabled=false", "autovacuum_freeze_max_age=500000000",
            "fillfactor=70"});
        assertThat(t.enabled()).isFalse();
        assertThat(t.freezeMaxAge()).as("a table may not raise it").isEqualTo(200_000_000);
        assertThat(SERVER.forTable(new String[] {"autovacuum_freeze_max_age=100000000"}).freezeMaxAge()).isEqualTo(100_000_000);
    }

    @Test
    void postgres18CapsTheVacuumThreshold() {
        AutovacuumSettings pg18 = AutovacuumSettings.of(Map.of("autovacuum_vacuum_max_threshold", "100000000"));
        assertThat(pg18.vacuumThresholdFor(1e10)).isEqualTo(100_000_000);
        assertThat(AutovacuumSettings.of(Map.of("autovacuum_vacuum_max_threshold", "-1")).vacuumMaxThreshold()).isNull();
        assertThat(AutovacuumSettings.of(Map.of()).vacuumThresholdFor(1e10)).isEqualTo(2e9 + 50);
    }

    @Test
    void insertsPastTheInsertThresholdMakeVacuumDue() {
        TableVacuum t = new TableVacuum(new RelationName("s", "t"), 10_000, 10_000, 0, 4_000, 0, null, null, null, null,
                0, 0, 0, 0, 10L, SERVER, false);
        assertThat(t.vacuumDue()).as("1000 + 0.2 × 10,000 = 3,000 inserts").isTrue();
    }
}
