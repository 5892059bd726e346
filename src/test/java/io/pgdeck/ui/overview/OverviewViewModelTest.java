package io.pgdeck.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.UiExecutor;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final OverviewViewModel model = new OverviewViewModel(UiExecutor.direct());

    @Test
    void ratesComeFromTwoSamplesAndAResetGivesNoRate() {
        model.onStats(stats(T0, 1_000, 10, 900, 100));
        assertThat(model.commitsPerSecondProperty().get()).isNaN();

        model.onStats(stats(T0.plusSeconds(2), 1_200, 14, 1_890, 110));
        assertThat(model.commitsPerSecondProperty().get()).isCloseTo(100.0, within(1e-9));
        assertThat(model.rollbacksPerSecondProperty().get()).isCloseTo(2.0, within(1e-9));
        assertThat(model.cacheHitRatioProperty().get()).isCloseTo(990.0 / 1000.0, within(1e-9));
        assertThat(model.rateHistory().size()).isEqualTo(1);

        model.onStats(stats(T0.plusSeconds(3), 5, 0, 10, 1)); // pg_stat_reset()
        assertThat(model.commitsPerSecondProperty().get()).isNaN();
        assertThat(model.databases()).singleElement().satisfies(r -> assertThat(r.commitsPerSecond()).isNaN());
    }

    @Test
    void sizesAndConnectionsAndInfo() {
        model.onStats(stats(T0, 1, 0, 1, 1));
        model.onSizes(Sample.of(Map.of("app", 3L * 1024 * 1024), T0, Duration.ofMillis(3)));
        assertThat(model.totalSizeProperty().get()).isEqualTo(3L * 1024 * 1024);
        assertThat(model.databases()).singleElement().satisfies(r -> assertThat(r.sizeBytes()).isEqualTo(3L * 1024 * 1024));

        OffsetDateTime now = T0.atOffset(ZoneOffset.UTC);
        model.onInfo(Sample.of(new ServerInfo("PostgreSQL 17.2 on x86_64-pc-linux-gnu, compiled by gcc", 170002,
                now.minusHours(5), now, 100, 3, false, "app"), T0, Duration.ZERO));
        assertThat(model.versionProperty().get()).isEqualTo("PostgreSQL 17.2");
        assertThat(model.uptimeProperty().get()).isEqualTo("5 h 0 min");

        model.onBackends(Sample.of(List.of(backend(1, "client backend"), backend(2, "client backend"),
                backend(3, "autovacuum launcher")), T0, Duration.ZERO));
        assertThat(model.connectionsProperty().get()).isEqualTo(2);
        assertThat(model.connectionsRatio()).isCloseTo(0.02, within(1e-9));
    }

    @Test
    void aFailedReadMarksTheScreenStaleAndKeepsTheLastValues() {
        model.onStats(stats(T0, 1_000, 10, 900, 100));
        model.onStats(Sample.failed(new SQLException("Connection refused", "08001"), T0.plusSeconds(1), Duration.ZERO));
        assertThat(model.freshness().staleProperty().get()).isTrue();
        assertThat(model.freshness().textProperty().get()).startsWith("stale since");
        assertThat(model.databases()).hasSize(1);
    }

    private static Sample<List<DatabaseStats>> stats(Instant at, long commits, long rollbacks, long hit, long read) {
        return Sample.of(List.of(new DatabaseStats("app", 3, commits, rollbacks, read, hit, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                null, null, null, null)), at, Duration.ofMillis(1));
    }

    static Backend backend(int pid, String type) {
        OffsetDateTime now = T0.atOffset(ZoneOffset.UTC);
        return new Backend(pid, "app", "alice", "web", "10.0.0.1", type, "active", null, null, now, now, now, now,
                null, null, "SELECT 1", List.of(), now);
    }
}
