package io.pgdeck.catalog;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a time-range partition set covers time, from its partitions' bounds alone: the interval
 * they step by, the gaps and overlaps between them, how far ahead of now they reach and how old
 * the oldest is. Pure: every figure is a function of the bounds and {@code now} (UTC).
 *
 * @param ranges     the partitions' ranges, oldest first (MINVALUE/MAXVALUE partitions left out)
 * @param interval   the most common step, empty when none of day, week, month, quarter, year fits
 * @param gaps       spans between two partitions that no partition covers
 * @param overlaps   pairs of partitions covering the same time (possible across levels only)
 * @param coveredUntil where the newest partition ends; null without partitions
 */
public record PartitionCoverage(List<TimeRange> ranges, Optional<TimeInterval> interval, List<TimeRange> gaps,
                                List<TimeRange> overlaps, LocalDateTime coveredUntil, LocalDateTime now) {

    public PartitionCoverage {
        ranges = List.copyOf(ranges);
        gaps = List.copyOf(gaps);
        overlaps = List.copyOf(overlaps);
    }

    public static PartitionCoverage of(List<TimeRange> partitions, LocalDateTime now) {
        List<TimeRange> sorted = partitions.stream()
                .sorted(Comparator.comparing(TimeRange::from).thenComparing(TimeRange::to)).toList();
        List<TimeRange> gaps = new ArrayList<>();
        List<TimeRange> overlaps = new ArrayList<>();
        LocalDateTime reach = null;
        for (TimeRange r : sorted) {
            if (reach != null && r.from().isAfter(reach)) {
                gaps.add(new TimeRange(reach, r.from()));
            } else if (reach != null && r.from().isBefore(reach)) {
                overlaps.add(new TimeRange(r.from(), r.to().isBefore(reach) ? r.to() : reach));
            }
            reach = reach == null || r.to().isAfter(reach) ? r.to() : reach;
        }
        return new PartitionCoverage(sorted, infer(sorted), gaps, overlaps, reach, now);
    }

    private static Optional<TimeInterval> infer(List<TimeRange> ranges) {
        Map<TimeInterval, Long> counts = ranges.stream()
                .map(r -> TimeInterval.of(r.from(), r.to()))
                .flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** Time from now to the end of the newest partition; negative when even now is not covered. */
    public Duration ahead() {
        return coveredUntil == null ? Duration.ZERO : Duration.between(now, coveredUntil);
    }

    /** Less than one interval covered ahead of now: inserts are soon going to fail or land in DEFAULT. */
    public boolean shortAhead() {
        if (coveredUntil == null || interval.isEmpty()) {
            return coveredUntil != null && !coveredUntil.isAfter(now);
        }
        return coveredUntil.isBefore(interval.get().after(now));
    }

    /** How old the oldest partition's data starts; zero without partitions. */
    public Duration oldestAge() {
        return ranges.isEmpty() ? Duration.ZERO : Duration.between(ranges.get(0).from(), now);
    }

    /** The gaps cut into interval-sized partitions, oldest first; empty without an interval. */
    public List<TimeRange> gapSlots() {
        List<TimeRange> slots = new ArrayList<>();
        interval.ifPresent(step -> gaps.forEach(g -> {
            LocalDateTime at = g.from();
            while (at.isBefore(g.to())) {
                LocalDateTime end = step.after(at);
                slots.add(new TimeRange(at, end.isAfter(g.to()) ? g.to() : end));
                at = end;
            }
        }));
        return slots;
    }

    /** The next {@code n} interval-sized partitions after the newest one. */
    public List<TimeRange> nextSlots(int n) {
        List<TimeRange> slots = new ArrayList<>();
        if (interval.isEmpty() || coveredUntil == null) {
            return slots;
        }
        LocalDateTime at = coveredUntil;
        for (int i = 0; i < n; i++) {
            LocalDateTime end = interval.get().after(at);
            slots.add(new TimeRange(at, end));
            at = end;
        }
        return slots;
    }

    /** How many intervals the set reaches beyond the one holding now, e.g. 0 for "nothing for next month". */
    public long intervalsAhead() {
        if (interval.isEmpty() || coveredUntil == null) {
            return 0;
        }
        long n = 0;
        LocalDateTime at = interval.get().after(now);
        while (!coveredUntil.isBefore(at) && n < 10_000) {
            n++;
            at = interval.get().after(at);
        }
        return n;
    }
}
