package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void acceptsWhatPeopleType() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("0")).isZero();
        assertThat(converter.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("2 min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("0.25s")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsTheRest() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'soon' is not a duration: write e.g. 500ms, 30s, 5m or 1h");
        assertThatThrownBy(() -> converter.convert("-1s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("-PT1S")).isInstanceOf(TypeConversionException.class);
        // not rounded to 0, which as a statement_timeout would mean none
        assertThatThrownBy(() -> converter.convert("0.5ms")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'0.5ms' is finer than pgdeck counts: give whole milliseconds");
    }
}
