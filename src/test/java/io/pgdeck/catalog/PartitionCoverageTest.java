package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionCoverageTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 13, 0);

    private static TimeRange month(int year, int month) {
        LocalDateTime from = LocalDateTime.of(year, month, 1, 0, 0);
        return new TimeRange(from, from.plusMonths(1));
    }

    @Test
    void monthlyWithAGapAndNothingAhead() {
        PartitionCoverage c = PartitionCoverage.of(List.of(month(2026, 6), month(2026, 7), month(2026, 8),
                month(2026, 10), month(2026, 11)), NOW);
        assertThat(c.interval()).contains(TimeInterval.MONTH);
        assertThat(c.gaps()).containsExactly(month(2026, 9));
        assertThat(c.gapSlots()).containsExactly(month(2026, 9));
        assertThat(c.overlaps()).isEmpty();
        assertThat(c.coveredUntil()).isEqualTo(LocalDateTime.of(2026, 12, 1, 0, 0));
        assertThat(c.shortAhead()).isTrue();
        assertThat(c.intervalsAhead()).isZero();
        assertThat(c.nextSlots(2)).containsExactly(month(2026, 12), month(2027, 1));
        assertThat(c.oldestAge().toDays()).isEqualTo(174);
    }

    @Test
    void oneIntervalAheadIsEnough() {
        PartitionCoverage c = PartitionCoverage.of(List.of(month(2026, 11), month(2026, 12)), NOW);
        assertThat(c.shortAhead()).isFalse();
        assertThat(c.intervalsAhead()).isEqualTo(1);
    }

    @Test
    void inferredIntervals() {
        LocalDateTime d = LocalDateTime.of(2026, 1, 1, 0, 0);
        assertThat(infer(d, d.plusDays(1))).isEqualTo(TimeInterval.DAY);
        assertThat(infer(d, d.plusWeeks(1))).isEqualTo(TimeInterval.WEEK);
        assertThat(infer(d, d.plusMonths(3))).isEqualTo(TimeInterval.QUARTER);
        assertThat(infer(d, d.plusYears(1))).isEqualTo(TimeInterval.YEAR);
        // February is 28 days and still a month
        assertThat(infer(LocalDateTime.of(2026, 2, 1, 0, 0), LocalDateTime.of(2026, 3, 1, 0, 0))).isEqualTo(TimeInterval.MONTH);
    }

    private static TimeInterval infer(LocalDateTime from, LocalDateTime to) {
        List<TimeRange> ranges = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ranges.add(new TimeRange(from, to));
            LocalDateTime next = to.plus(java.time.Duration.between(from, to));
            from = to;
            to = TimeInterval.of(ranges.get(0).from(), ranges.get(0).to()).map(s -> s.after(ranges.get(ranges.size() - 1).to())).orElse(next);
        }
        return PartitionCoverage.of(ranges, NOW).interval().orElseThrow();
    }

    @Test
    void irregularBoundsHaveNoIntervalAndNoSlots() {
        LocalDateTime d = LocalDateTime.of(2026, 1, 1, 0, 0);
        PartitionCoverage c = PartitionCoverage.of(List.of(new TimeRange(d, d.plusDays(10)),
                new TimeRange(d.plusDays(10), d.plusDays(13))), NOW);
        assertThat(c.interval()).isEmpty();
        assertThat(c.nextSlots(3)).isEmpty();
        assertThat(c.shortAhead()).isTrue();
    }

    @Test
    void overlapsAreReported() {
        PartitionCoverage c = PartitionCoverage.of(List.of(month(2026, 10),
                new TimeRange(LocalDateTime.of(2026, 10, 15, 0, 0), LocalDateTime.of(2026, 11, 15, 0, 0))), NOW);
        assertThat(c.overlaps()).containsExactly(new TimeRange(LocalDateTime.of(2026, 10, 15, 0, 0),
                LocalDateTime.of(2026, 11, 1, 0, 0)));
    }

    @Test
    void aMultiMonthGapIsCutIntoMonths() {
        PartitionCoverage c = PartitionCoverage.of(List.of(month(2026, 1), month(2026, 5)), NOW);
        assertThat(c.gapSlots()).containsExactly(month(2026, 2), month(2026, 3), month(2026, 4));
    }
}
