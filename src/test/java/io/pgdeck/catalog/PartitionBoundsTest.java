package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class PartitionBoundsTest {

    @Test
    void rangeOfTimestamptzIsMovedToUtc() {
        PartitionBounds b = PartitionBounds.parse(
                "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-01-31 20:00:00-04')");
        assertThat(b.kind()).isEqualTo(PartitionBounds.Kind.RANGE);
        assertThat(b.fromTime()).contains(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(b.toTime()).contains(LocalDateTime.of(2024, 2, 1, 0, 0));
    }

    @Test
    void halfHourOffsetsAndFractions() {
        assertThat(PartitionBounds.time("2024-03-01 05:30:00.5+05:30")).contains(LocalDateTime.of(2024, 3, 1, 0, 0, 0, 500_000_000));
    }

    @Test
    void datesAndTimestampsStayAsWritten() {
        PartitionBounds b = PartitionBounds.parse("FOR VALUES FROM ('2024-01-01') TO ('2024-01-02 00:00:00')");
        assertThat(b.fromTime()).contains(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(b.toTime()).contains(LocalDateTime.of(2024, 1, 2, 0, 0));
    }

    @Test
    void minvalueAndNumbersAreNoTimes() {
        PartitionBounds b = PartitionBounds.parse("FOR VALUES FROM (MINVALUE) TO (100)");
        assertThat(b.from()).containsExactly("MINVALUE");
        assertThat(b.to()).containsExactly("100");
        assertThat(b.fromTime()).isEmpty();
        assertThat(b.toTime()).isEmpty();
    }

    @Test
    void multiColumnRange() {
        PartitionBounds b = PartitionBounds.parse("FOR VALUES FROM (1, 'a') TO (1, 'm')");
        assertThat(b.from()).containsExactly("1", "a");
        assertThat(b.to()).containsExactly("1", "m");
    }

    @Test
    void listWithQuotesCommasAndParentheses() {
        PartitionBounds b = PartitionBounds.parse("FOR VALUES IN ('it''s', 'a, b', 'x) TO (y', NULL)");
        assertThat(b.kind()).isEqualTo(PartitionBounds.Kind.LIST);
        assertThat(b.values()).containsExactly("it's", "a, b", "x) TO (y", "NULL");
    }

    @Test
    void hashAndDefault() {
        PartitionBounds h = PartitionBounds.parse("FOR VALUES WITH (modulus 8, remainder 3)");
        assertThat(h.kind()).isEqualTo(PartitionBounds.Kind.HASH);
        assertThat(h.modulus()).isEqualTo(8);
        assertThat(h.remainder()).isEqualTo(3);
        assertThat(PartitionBounds.parse("DEFAULT").isDefault()).isTrue();
    }

    @Test
    void rangeWithTheSeparatorInsideALiteral() {
        PartitionBounds b = PartitionBounds.parse("FOR VALUES FROM ('a) TO (b') TO ('z')");
        assertThat(b.from()).containsExactly("a) TO (b");
        assertThat(b.to()).containsExactly("z");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> PartitionBounds.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
