package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.PartitionCoverage;
import io.pgdeck.catalog.PartitionSet;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One partition set in the snapshot's {@code partitions} section. Coverage figures are null for
 * sets that are not ranged by one time column (hash, list, numbers).
 *
 * @param coveredUntil       where the newest partition ends (UTC), ISO-8601
 * @param intervalsAhead     whole intervals covered beyond the one holding now
 * @param shortAhead         less than one interval covered ahead of now
 * @param gaps               uncovered spans between partitions, "from/to" in ISO-8601
 * @param defaultRows        rows in the DEFAULT partition (counted up to a cap), null without one; from
 *                           the statistics when the role may not read it, -1 when hidden even there
 * @param defaultRowsNote    how defaultRows was known when it was not counted, else null
 */
public record PartitionSetSection(
        String name,
        String strategy,
        int partitions,
        long sizeBytes,
        String interval,
        String coveredUntil,
        Long intervalsAhead,
        Boolean shortAhead,
        List<String> gaps,
        Long defaultRows,
        String defaultRowsNote) {

    static List<PartitionSetSection> of(List<PartitionSet> sets, LocalDateTime nowUtc) {
        return sets.stream().map(s -> of(s, nowUtc)).toList();
    }

    static PartitionSetSection of(PartitionSet s, LocalDateTime nowUtc) {
        Optional<PartitionCoverage> c = s.coverage(nowUtc);
        return new PartitionSetSection(s.qualifiedName(), s.strategy(), s.partitions().size(), s.sizeBytes(),
                c.flatMap(PartitionCoverage::interval).map(i -> i.label()).orElse(null),
                c.map(v -> v.coveredUntil().toString()).orElse(null),
                c.map(PartitionCoverage::intervalsAhead).orElse(null),
                c.map(PartitionCoverage::shortAhead).orElse(null),
                c.map(v -> v.gaps().stream().map(g -> g.from() + "/" + g.to()).toList()).orElse(List.of()),
                s.defaultPartition().map(d -> d.defaultRows()).orElse(null),
                s.defaultPartition().flatMap(d -> d.defaultRowsNote()).orElse(null));
    }
}
