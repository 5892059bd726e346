package io.pgdeck.ui.partitions;

import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionCoverage;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.PartitionReader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a DBA reads about a set at a glance: coverage, gaps, default rows, pg_partman. Pure. */
final class SetSummary {

    private SetSummary() {}

    static List<String> lines(PartitionSet set, LocalDateTime nowUtc) {
        List<String> out = new ArrayList<>();
        out.add(set.qualifiedName() + ": " + set.keyDef() + ", " + set.partitions().size() + " partitions, "
                + Formats.bytes(set.sizeBytes()) + ", ~" + Formats.count(set.estimatedRows()) + " rows");
        set.coverage(nowUtc).ifPresent(c -> out.addAll(coverage(c)));
        set.defaultPartition().ifPresent(d -> out.add(defaultLine(d)));
        set.detachPending().forEach(p -> out.add("Detach pending: " + p.qualifiedName()
                + " (an interrupted DETACH ... CONCURRENTLY): finalize it."));
        set.partman().ifPresent(p -> out.add("pg_partman: interval " + p.partitionInterval() + ", premake "
                + p.premake() + ", retention " + Optional.ofNullable(p.retention()).orElse("none")
                + (p.retention() != null ? (p.retentionKeepTable() ? " (keeps the tables)" : " (drops the tables)") : "")));
        return out;
    }

    private static List<String> coverage(PartitionCoverage c) {
        List<String> out = new ArrayList<>();
        String interval = c.interval().map(i -> i.label()).orElse("irregular");
        out.add("Interval: " + interval + ". Covered until " + c.coveredUntil().toLocalDate() + " ("
                + (c.ahead().isNegative() ? "ended " + Formats.age(c.ahead().negated()) + " ago"
                : Formats.age(c.ahead()) + " ahead") + (c.shortAhead() ? ": less than one " + interval + " ahead!" : "")
                + "). Oldest partition starts " + Formats.age(c.oldestAge()) + " ago.");
        out.add(c.gaps().isEmpty() ? "No gaps." : "Gaps: " + String.join(", ", c.gaps().stream()
                .map(g -> g.from().toLocalDate() + " to " + g.to().toLocalDate()).toList()));
        if (!c.overlaps().isEmpty()) {
            out.add("Overlaps: " + String.join(", ", c.overlaps().stream().map(Object::toString).toList()));
        }
        return out;
    }

    private static String defaultLine(Partition d) {
        String note = d.defaultRowsNote().map(n -> " (" + n + ")").orElse("");
        if (d.defaultRows() < 0) {
            return "DEFAULT partition " + d.name() + ": rows unknown" + note + ".";
        }
        if (!d.defaultHoldsRows()) {
            return "DEFAULT partition " + d.name() + " is empty" + note + ".";
        }
        String rows = d.defaultRows() >= PartitionReader.DEFAULT_ROW_CAP ? "at least " + Formats.count(d.defaultRows())
                : (d.readable() ? "" : "≈ ") + Formats.count(d.defaultRows());
        return "DEFAULT partition " + d.name() + " holds " + rows + " rows" + note
                + ": they block creating partitions for their range.";
    }
}
