package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutTextTest {

    @Test
    void asGiven() {
        assertThat(TimeoutText.of(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(TimeoutText.of(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(TimeoutText.of(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(TimeoutText.of(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(TimeoutText.of(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(TimeoutText.of(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(TimeoutText.of(Duration.ofHours(2))).isEqualTo("2 h");
    }
}
