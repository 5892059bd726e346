package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pgdeck.catalog.BouncerStats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BouncerRatesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    private static BouncerStats stats(String db, long queries, long queryMicros, long waitMicros) {
        return new BouncerStats(db, queries, queries, queries, 0, 0, queryMicros, queryMicros, waitMicros);
    }

    @Test
    void ratesAndAveragesComeFromTheDeltas() {
        BouncerRates r = BouncerRates.of(stats("app", 1_000, 5_000_000, 0), T0,
                stats("app", 1_400, 5_800_000, 40_000), T0.plusSeconds(2));
        assertThat(r.queriesPerSecond()).isEqualTo(200.0);
        assertThat(r.transactionsPerSecond()).isEqualTo(200.0);
        assertThat(r.avgQueryMicros()).isCloseTo(2_000.0, within(1e-9));
        assertThat(r.avgWaitMicros()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aCounterThatWentDownGivesNoRateRatherThanANegativeOne() {
        BouncerRates r = BouncerRates.of(stats("app", 1_000, 5_000_000, 0), T0, stats("app", 10, 20_000, 0),
                T0.plusSeconds(1));
        assertThat(List.of(r.queriesPerSecond(), r.transactionsPerSecond(), r.avgQueryMicros(), r.avgWaitMicros()))
                .allMatch(d -> d.isNaN());
    }

    @Test
    void noQueriesMeansNoAverageAndADatabaseSeenFirstHasNoRate() {
        List<BouncerRates> rates = BouncerRates.between(List.of(stats("app", 5, 100, 0)), T0,
                List.of(stats("app", 5, 100, 0), stats("new", 3, 30, 0)), T0.plusSeconds(1));
        assertThat(rates.get(0).queriesPerSecond()).isZero();
        assertThat(rates.get(0).avgQueryMicros()).isNaN();
        assertThat(rates.get(1).database()).isEqualTo("new");
        assertThat(rates.get(1).queriesPerSecond()).isNaN();
    }
}
