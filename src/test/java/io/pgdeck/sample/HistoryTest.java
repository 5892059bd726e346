package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void anEmptyHistoryHasNothing() {
        History<Double> history = new History<>(3);
        assertThat(history.size()).isZero();
        assertThat(history.capacity()).isEqualTo(3);
        assertThat(history.latest()).isNull();
        assertThat(history.points()).isEmpty();
        assertThat(history.since(T0)).isEmpty();
    }

    @Test
    void keepsPointsInOrderUntilFull() {
        History<Double> history = new History<>(3);
        history.add(T0, 1.0);
        history.add(T0.plusSeconds(1), 2.0);
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.points()).extracting(History.Point::value).containsExactly(1.0, 2.0);
        assertThat(history.latest()).isEqualTo(new History.Point<>(T0.plusSeconds(1), 2.0));
    }

    @Test
    void wrapsDroppingTheOldestOnceFull() {
        History<Integer> history = new History<>(3);
        for (int i = 0; i < 8; i++) {
            history.add(T0.plusSeconds(i), i);
        }
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.points()).extracting(History.Point::value).containsExactly(5, 6, 7);
        assertThat(history.points()).extracting(History.Point::at)
                .containsExactly(T0.plusSeconds(5), T0.plusSeconds(6), T0.plusSeconds(7));
        assertThat(history.latest().value()).isEqualTo(7);
    }

    @Test
    void sinceIsInclusiveAndOldestFirstAcrossTheWrap() {
        History<Integer> history = new History<>(4);
        for (int i = 0; i < 6; i++) {
            history.add(T0.plusSeconds(i), i);
        }
        assertThat(history.since(T0.plusSeconds(3))).extracting(History.Point::value).containsExactly(3, 4, 5);
        assertThat(history.since(T0)).extracting(History.Point::value).containsExactly(2, 3, 4, 5);
        assertThat(history.since(T0.plusSeconds(6))).isEmpty();
    }

    @Test
    void aCapacityOfOneKeepsTheLatest() {
        History<String> history = new History<>(1);
        history.add(T0, "a");
        history.add(T0.plusSeconds(1), "b");
        assertThat(history.points()).extracting(History.Point::value).containsExactly("b");
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new History<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
