package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterRateTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void ratePerSecondBetweenTwoSamples() {
        assertThat(CounterRate.perSecond(1_000, T0, 1_100, T0.plusSeconds(2))).isEqualTo(50.0);
        assertThat(CounterRate.perSecond(10, T0, 13, T0.plusMillis(250))).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void anUnchangedCounterHasRateZero() {
        assertThat(CounterRate.perSecond(42, T0, 42, T0.plusSeconds(1))).isZero();
    }

    @Test
    void aResetGivesNoRateRatherThanANegativeOne() {
        assertThat(CounterRate.perSecond(1_000_000, T0, 12, T0.plusSeconds(1))).isNaN();
    }

    @Test
    void noTimePassedOrTimeGoingBackGivesNoRate() {
        assertThat(CounterRate.perSecond(1, T0, 5, T0)).isNaN();
        assertThat(CounterRate.perSecond(1, T0, 5, T0.minusSeconds(1))).isNaN();
    }

    @Test
    void largeCountersKeepTheirPrecision() {
        long big = Long.MAX_VALUE - 1_000;
        assertThat(CounterRate.perSecond(big, T0, big + 500, T0.plusSeconds(1))).isEqualTo(500.0);
    }
}
