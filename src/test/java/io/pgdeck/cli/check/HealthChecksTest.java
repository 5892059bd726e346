package io.pgdeck.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.ConnectionBreakdown;
import io.pgdeck.catalog.DatabaseStats;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2025, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final CheckThresholds DEFAULTS = CheckThresholds.defaults();

    @Test
    void connectionsWarnOnlyOverTheShare() {
        assertThat(HealthChecks.connections(80, 100, 80).status()).isEqualTo(HealthCheck.Status.OK);
        HealthCheck over = HealthChecks.connections(81, 100, 80);
        assertThat(over.warns()).isTrue();
        assertThat(over.line()).isEqualTo("WARN  connections          81 of 100 max_connections (81.0%), warn over 80%");
    }

    @Test
    void idleInTransactionWarnsOnTheOldestOverTheLimit() {
        Backend young = idle(1, Duration.ofMinutes(1));
        Backend old = idle(2, Duration.ofMinutes(7));
        HealthCheck check = HealthChecks.idleInTransaction(ConnectionBreakdown.of(List.of(young, old)), DEFAULTS);
        assertThat(check.warns()).isTrue();
        assertThat(check.figure()).isEqualTo("oldest: pid 2 (alice, billing) idle for 7 min 0 s, warn over 5 min 0 s");
        assertThat(HealthChecks.idleInTransaction(ConnectionBreakdown.of(List.of(young)), DEFAULTS).warns()).isFalse();
        assertThat(HealthChecks.idleInTransaction(ConnectionBreakdown.of(List.of()), DEFAULTS).figure())
                .startsWith("no session");
    }

    @Test
    void cacheHitRatioIsJudgedOnlyWithEnoughReads() {
        HealthCheck few = HealthChecks.cacheHitRatio("shop", Optional.of(stats(10, 500)), DEFAULTS);
        assertThat(few.warns()).isFalse();
        assertThat(few.figure()).startsWith("not judged: only 510 block reads");

        HealthCheck poor = HealthChecks.cacheHitRatio("shop", Optional.of(stats(200, 9_800)), DEFAULTS);
        assertThat(poor.warns()).isTrue();
        assertThat(poor.figure()).isEqualTo("98.00% of 10,000 block reads in shop served from shared buffers, warn under 99%");

        assertThat(HealthChecks.cacheHitRatio("shop", Optional.of(stats(50, 9_950)), DEFAULTS).warns()).isFalse();
        assertThat(HealthChecks.cacheHitRatio("shop", Optional.empty(), DEFAULTS).warns()).isFalse();
    }

    private static Backend idle(int pid, Duration idleFor) {
        OffsetDateTime since = NOW.minus(idleFor);
        return new Backend(pid, "shop", "alice", "billing", "10.0.0.7", "client backend", "idle in transaction",
                "Client", "ClientRead", since, since, since, since, null, null, "SELECT 1", List.of(), NOW);
    }

    private static DatabaseStats stats(long blocksRead, long blocksHit) {
        return new DatabaseStats("shop", 1, 10, 0, blocksRead, blocksHit, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);
    }
}
