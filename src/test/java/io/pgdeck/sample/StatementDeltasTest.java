package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pgdeck.catalog.StatementKey;
import io.pgdeck.catalog.StatementStats;
import io.pgdeck.catalog.StatementsRead;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementDeltasTest {

    private static final OffsetDateTime T0 = Instant.parse("2026-11-22T10:00:00Z").atOffset(ZoneOffset.UTC);
    private static final StatementKey SLOW = new StatementKey(10, 5, 111, true);
    private static final StatementKey FAST = new StatementKey(10, 5, 222, true);

    private final StatementDeltas deltas = new StatementDeltas();

    @Test
    void ratesComeFromDeltasOverTheWindow() {
        deltas.add(read(0, null, stats(SLOW, 100, 5_000, 60), stats(FAST, 1_000, 100, 1)));
        deltas.add(read(10, null, stats(SLOW, 110, 5_500, 60), stats(FAST, 1_500, 150, 1)));
        deltas.add(read(20, null, stats(SLOW, 120, 6_000, 60), stats(FAST, 2_000, 200, 1)));

        StatementRates slow = find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW);
        assertThat(slow.seconds()).isEqualTo(20.0);
        assertThat(slow.calls()).isEqualTo(20.0);
        assertThat(slow.callsPerSecond()).isEqualTo(1.0);
        assertThat(slow.millisPerSecond()).isEqualTo(50.0);
        assertThat(slow.meanMillis()).isEqualTo(50.0);
        assertThat(slow.rowsPerCall()).isEqualTo(1.0);
        // max_exec_time did not move: the slowest call is at least the mean of an interval
        assertThat(slow.maxMillis()).isEqualTo(50.0);
        StatementRates fast = find(deltas.rates(StatementWindow.LAST_MINUTE), FAST);
        assertThat(fast.callsPerSecond()).isEqualTo(50.0);
        assertThat(fast.meanMillis()).isEqualTo(0.1);

        StatementRates sinceReset = find(deltas.rates(StatementWindow.SINCE_RESET), SLOW);
        assertThat(sinceReset.calls()).isEqualTo(120.0);
        assertThat(sinceReset.meanMillis()).isEqualTo(50.0);
        assertThat(sinceReset.seconds()).as("no reset time known on PG13").isNaN();
        assertThat(sinceReset.callsPerSecond()).isNaN();
    }

    @Test
    void aShortWindowTakesOnlyItsShareOfTheWork() {
        deltas.add(read(0, null, stats(SLOW, 0, 0, 0)));
        deltas.add(read(100, null, stats(SLOW, 100, 1_000, 0)));
        deltas.add(read(200, null, stats(SLOW, 300, 3_000, 0)));
        StatementRates lastMinute = find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW);
        assertThat(lastMinute.seconds()).isEqualTo(60.0);
        assertThat(lastMinute.calls()).isCloseTo(120.0, within(1e-9));
        assertThat(lastMinute.callsPerSecond()).isCloseTo(2.0, within(1e-9));
        assertThat(find(deltas.rates(StatementWindow.LAST_HOUR), SLOW).callsPerSecond()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void aResetBetweenReadsGivesNoNegativeRate() {
        deltas.add(read(0, T0.minusDays(1), stats(SLOW, 500, 25_000, 60)));
        // reset at +3 s, then 4 calls before the next read
        deltas.add(read(5, T0.plusSeconds(3), stats(SLOW, 4, 200, 80)));
        StatementRates slow = find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW);
        assertThat(slow.calls()).isEqualTo(4.0);
        assertThat(slow.totalMillis()).isEqualTo(200.0);
        assertThat(slow.maxMillis()).isEqualTo(80.0);
        assertThat(slow.callsPerSecond()).isEqualTo(0.8);
        assertThat(find(deltas.rates(StatementWindow.SINCE_RESET), SLOW).seconds()).isEqualTo(2.0);
    }

    @Test
    void countersThatGoDownWithoutInfoAreAResetToo() {
        deltas.add(read(0, null, stats(SLOW, 500, 25_000, 60)));
        deltas.add(read(1, null, stats(SLOW, 2, 100, 50)));
        deltas.add(read(2, null, stats(SLOW, 3, 150, 50)));
        StatementRates slow = find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW);
        assertThat(slow.calls()).isEqualTo(3.0);
        assertThat(slow.callsPerSecond()).isEqualTo(1.5);
        assertThat(slow.meanMillis()).isEqualTo(50.0);
    }

    @Test
    void anEvictedStatementKeepsItsWindowAndComesBackWithoutANegativeRate() {
        deltas.add(read(0, null, stats(SLOW, 10, 500, 50), stats(FAST, 100, 10, 1)));
        deltas.add(read(10, null, stats(SLOW, 20, 1_000, 50), stats(FAST, 200, 20, 1)));
        deltas.add(read(20, null, stats(FAST, 300, 30, 1))); // SLOW evicted at pg_stat_statements.max
        assertThat(find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW).calls())
                .as("its work before the eviction still counts in the window").isEqualTo(10.0);
        deltas.add(read(30, null, stats(SLOW, 1, 40, 40), stats(FAST, 400, 40, 1))); // back, counting from zero
        StatementRates back = find(deltas.rates(StatementWindow.LAST_MINUTE), SLOW);
        assertThat(back.calls()).isEqualTo(11.0);
        assertThat(back.callsPerSecond()).isPositive();
        assertThat(back.totalMillis()).isEqualTo(540.0);
    }

    @Test
    void aNewStatementIsABaselineUnlessStatsSinceSaysItIsNew() {
        deltas.add(read(0, T0, stats(FAST, 100, 10, 1)));
        deltas.add(read(10, T0, stats(FAST, 200, 20, 1), stats(SLOW, 1_000, 50_000, 60, T0.minusDays(1)),
                stats(new StatementKey(10, 5, 333, true), 7, 70, 10, T0.plusSeconds(4))));
        List<StatementRates> rates = deltas.rates(StatementWindow.LAST_MINUTE);
        assertThat(find(rates, SLOW).calls()).as("only now in the top N: no delta yet").isZero();
        assertThat(find(rates, new StatementKey(10, 5, 333, true)).calls()).isEqualTo(7.0);
    }

    @Test
    void theSeriesHasCallsPerSecondAndMeanPerStep() {
        for (int s = 0; s <= 60; s++) {
            deltas.add(read(s, null, stats(SLOW, s * 2L, s * 100.0, 60)));
        }
        var series = deltas.series(SLOW, StatementWindow.LAST_MINUTE);
        assertThat(series).hasSize(12);
        assertThat(series).allSatisfy(p -> {
            assertThat(p.value().callsPerSecond()).isCloseTo(2.0, within(1e-9));
            assertThat(p.value().meanMillis()).isCloseTo(50.0, within(1e-9));
        });
    }

    @Test
    void theSeriesHasNoSpikeWhereReadsAndStepsDoNotLineUp() {
        for (int ms = 0; ms <= 33_300; ms += 450) {
            deltas.add(new StatementsRead(List.of(stats(SLOW, ms / 450 * 2L, ms / 450 * 100.0, 60)),
                    T0.plus(Duration.ofMillis(ms)), 0L, null, false));
        }
        var series = deltas.series(SLOW, StatementWindow.LAST_MINUTE);
        assertThat(series).hasSize(6);
        assertThat(series).allSatisfy(p -> assertThat(p.value().callsPerSecond()).isBetween(3.0, 6.0));
    }

    @Test
    void historyIsBoundedInTimeAndInStatements() {
        List<StatementStats> many = new ArrayList<>();
        for (int hour = 0; hour < 3; hour++) {
            for (int s = 0; s < 3600; s += 1) {
                int t = hour * 3600 + s;
                deltas.add(read(t, null, stats(SLOW, t, t * 10.0, 50)));
            }
        }
        assertThat(deltas.buckets()).isLessThanOrEqualTo((int) (StatementDeltas.RETENTION.toSeconds()
                / StatementDeltas.BUCKET.toSeconds()) + 1);
        for (int i = 0; i < StatementDeltas.MAX_TRACKED + 200; i++) {
            many.clear();
            many.add(stats(new StatementKey(1, 1, i, true), 1, 1, 1));
            deltas.add(read(3 * 3600 + i, null, many.toArray(StatementStats[]::new)));
        }
        assertThat(deltas.tracked()).isEqualTo(StatementDeltas.MAX_TRACKED);
    }

    private static StatementRates find(List<StatementRates> rates, StatementKey key) {
        return rates.stream().filter(r -> r.statement().key().equals(key)).findFirst().orElseThrow();
    }

    static StatementsRead read(int second, OffsetDateTime statsReset, StatementStats... statements) {
        return new StatementsRead(List.of(statements), T0.plusSeconds(second), 0L, statsReset, false);
    }

    static StatementStats stats(StatementKey key, long calls, double totalMillis, double maxMillis) {
        return stats(key, calls, totalMillis, maxMillis, null);
    }

    static StatementStats stats(StatementKey key, long calls, double totalMillis, double maxMillis, OffsetDateTime since) {
        return new StatementStats(key, "app", "shop", "SELECT " + key.queryId(), calls, totalMillis, maxMillis, 0, 0,
                calls, calls * 10, calls, 0, 0, since);
    }
}
