package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chart's line breaks where samples are missing, and only there. */
class GapsTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void anOutageInAOneSecondHistoryIsMarkedAtBothEnds() {
        History<Double> history = new History<>(100);
        for (int s : new int[] {0, 1, 2, 3, 4, 34, 35, 36}) {
            history.add(T0.plusSeconds(s), (double) s);
        }

        List<History.Point<Double>> marked = Gaps.marked(history.points());

        assertThat(marked).hasSize(10);
        assertThat(marked.subList(4, 8)).containsExactly(
                new History.Point<>(T0.plusSeconds(4), 4.0),
                new History.Point<>(T0.plusSeconds(4).plusMillis(1), null),
                new History.Point<>(T0.plusSeconds(34).minusMillis(1), null),
                new History.Point<>(T0.plusSeconds(34), 34.0));
        assertThat(marked).filteredOn(p -> p.value() != null).extracting(History.Point::value)
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 34.0, 35.0, 36.0);
    }

    @Test
    void regularOrJitteryOrSlowCadencesHaveNoGap() {
        assertThat(Gaps.marked(points(0, 1, 2, 3, 4))).hasSize(5);
        // a skipped refresh (a slow read) is not an outage
        assertThat(Gaps.marked(points(0, 1, 2, 4, 5, 6))).hasSize(6);
        // sizes read every 30 refreshes
        assertThat(Gaps.marked(points(0, 30, 60, 91, 120))).hasSize(5);
        // too few points to know the cadence
        assertThat(Gaps.marked(points(0, 60))).hasSize(2);
        assertThat(Gaps.marked(points())).isEmpty();
    }

    @Test
    void aSlowerCadenceIsNoGapButAnOutageWithinItIs() {
        // one-second refreshes, then ten (the user picked ten seconds, or the tab was hidden): no sample is missing
        assertThat(Gaps.marked(points(0, 1, 2, 3, 13, 23, 33, 43, 44, 45)).stream().filter(p -> p.value() == null))
                .isEmpty();
        // but a minute without samples among ten-second ones is an outage
        List<History.Point<Double>> marked = Gaps.marked(points(0, 10, 20, 30, 90, 100, 110));
        assertThat(marked.stream().filter(p -> p.value() == null).count()).isEqualTo(2);
        assertThat(marked.get(4).at()).isEqualTo(T0.plusSeconds(30).plusMillis(1));
    }

    @Test
    void anOutageAtEitherEndOfTheWindowIsMarkedToo() {
        assertThat(Gaps.marked(points(0, 40, 41, 42)).stream().filter(p -> p.value() == null)).hasSize(2);
        assertThat(Gaps.marked(points(0, 1, 2, 40)).stream().filter(p -> p.value() == null)).hasSize(2);
    }

    private static List<History.Point<Double>> points(int... seconds) {
        History<Double> history = new History<>(100);
        for (int s : seconds) {
            history.add(T0.plusSeconds(s), (double) s);
        }
        return history.points();
    }
}
