package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one way figures are written, on screen, in the command line's text and in sentences. */
class FormatsTest {

    @Test
    void sizesKeepThreeSignificantDigitsAtMost() {
        assertThat(Formats.bytes(512L)).isEqualTo("512 B");
        assertThat(Formats.bytes(1536L)).isEqualTo("1.5 kB");
        assertThat(Formats.bytes(7_759_462L)).isEqualTo("7.4 MB");
        assertThat(Formats.bytes(123L << 30)).isEqualTo("123 GB");
        assertThat(Formats.bytes(null)).isEqualTo("unknown size");
    }

    @Test
    void durationsShowTwoUnitsAtMost() {
        assertThat(Formats.age(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Formats.age(Duration.ofMillis(3_240))).isEqualTo("3.2 s");
        assertThat(Formats.age(Duration.ofSeconds(252))).isEqualTo("4 min 12 s");
        assertThat(Formats.age(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(Formats.age(Duration.ofHours(76))).isEqualTo("3 d 4 h");
        assertThat(Formats.seconds(30)).isEqualTo("30.0 s");
    }

    @Test
    void ratesSharesAndCounts() {
        assertThat(Formats.rate(1.54)).isEqualTo("1.5/s");
        assertThat(Formats.rate(102.4)).isEqualTo("102/s");
        assertThat(Formats.rate(Double.NaN)).isEqualTo("–");
        assertThat(Formats.percent(0.992)).isEqualTo("99.20 %");
        assertThat(Formats.count(10_000)).isEqualTo("10,000");
        assertThat(Formats.oneLine("SELECT *\n  FROM jobs", 12)).isEqualTo("SELECT * FR…");
    }
}
