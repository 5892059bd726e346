package io.pgdeck.catalog;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Names new partitions after the set's existing ones: finds the date pattern their names end
 * with ({@code audit_logs_2024_01}, {@code events_p20240101}, {@code t_2024q1}...) and the prefix
 * before it. Without a recognisable pattern: {@code <parent>_} and the interval's usual suffix.
 */
public final class PartitionNaming {

    /** PostgreSQL cuts longer identifiers (NAMEDATALEN - 1), which would make two names collide. */
    static final int MAX_BYTES = 63;

    private static final List<String> PATTERNS = List.of(
            "yyyy_MM_dd", "yyyyMMdd", "yyyy_MM", "yyyyMM", "yyyy-MM-dd", "yyyy-MM", "yyyy'q'Q", "yyyy_'q'Q", "yyyy");

    private final String prefix;
    private final DateTimeFormatter format;

    private PartitionNaming(String prefix, DateTimeFormatter format) {
        this.prefix = prefix;
        this.format = format;
    }

    public static PartitionNaming of(String parent, List<Partition> partitions, TimeInterval interval) {
        for (String pattern : PATTERNS) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
            Optional<String> prefix = commonPrefix(partitions, f);
            if (prefix.isPresent()) {
                return new PartitionNaming(prefix.get(), f);
            }
        }
        String fallback = switch (interval) {
            case DAY, WEEK -> "yyyy_MM_dd";
            case MONTH -> "yyyy_MM";
            case QUARTER -> "yyyy_'q'Q";
            case YEAR -> "yyyy";
        };
        return new PartitionNaming(parent + "_", DateTimeFormatter.ofPattern(fallback));
    }

    /** The prefix every time partition shares before {@code f}'s rendering of its lower bound. */
    private static Optional<String> commonPrefix(List<Partition> partitions, DateTimeFormatter f) {
        String prefix = null;
        for (Partition p : partitions) {
            Optional<LocalDateTime> from = p.bounds().fromTime();
            if (from.isEmpty()) {
                continue;
            }
            String suffix = f.format(from.get());
            if (!p.name().endsWith(suffix)) {
                return Optional.empty();
            }
            String mine = p.name().substring(0, p.name().length() - suffix.length());
            if (prefix != null && !prefix.equals(mine)) {
                return Optional.empty();
            }
            prefix = mine;
        }
        return Optional.ofNullable(prefix);
    }

    public String name(LocalDateTime from) {
        String suffix = format.format(from);
        String head = prefix;
        // Shorten the prefix, never the date: the date is what keeps the names apart.
        while ((head + suffix).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES && !head.isEmpty()) {
            head = head.substring(0, head.offsetByCodePoints(head.length(), -1));
        }
        return head + suffix;
    }
}
