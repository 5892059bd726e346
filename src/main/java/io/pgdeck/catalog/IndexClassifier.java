package io.pgdeck.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges indexes from what the reader returned, with no database: which are unused, duplicate,
 * redundant or invalid, and which tables look like they miss an index. Pure, so the rules are
 * tested one by one and the CLI and the screen agree.
 */
public final class IndexClassifier {

    /** Names PostgreSQL gives the new and old copies during REINDEX CONCURRENTLY (with a number when taken). */
    private static final Pattern LEFTOVER = Pattern.compile("(.+)_cc(new|old)\\d*");
    /** A table is a missing-index suspect only past these: a few scans of a small table are normal. */
    static final long MIN_SEQ_SCANS = 20;
    static final long MIN_ROWS_PER_SEQ_SCAN = 1000;
    static final int MAX_HINTS = 20;

    private IndexClassifier() {}

    public static IndexReview review(List<IndexDefinition> definitions, IndexUsage usage, List<TableScans> scans) {
        Map<Long, Set<IndexFlag>> flags = new HashMap<>();
        Map<Long, List<String>> reasons = new HashMap<>();
        Duration window = usage.window();
        for (IndexDefinition d : definitions) {
            flags.put(d.oid(), EnumSet.noneOf(IndexFlag.class));
            reasons.put(d.oid(), new ArrayList<>());
        }
        definitions.stream().collect(Collectors.groupingBy(IndexDefinition::tableOid)).values().forEach(onTable -> {
            duplicates(onTable, flags, reasons);
            redundant(onTable, flags, reasons);
        });
        List<IndexReport> reports = new ArrayList<>(definitions.size());
        for (IndexDefinition d : definitions) {
            IndexCounters counters = usage.of(d.oid());
            Set<IndexFlag> f = flags.get(d.oid());
            List<String> why = reasons.get(d.oid());
            String leftoverOf = leftoverOf(d.name());
            if (!d.valid()) {
                invalid(d, usage, leftoverOf, f, why);
            } else if (counters.scans() == 0 && !d.enforcesSomething() && !d.partitioned()) {
                f.add(IndexFlag.UNUSED);
                why.add(0, "No scans in the " + age(window) + " since the statistics were reset; it costs "
                        + Formats.bytes(d.sizeBytes()) + " on disk and slows every write to " + d.table() + "."
                        + (window != null && window.compareTo(Duration.ofDays(7)) < 0
                        ? " That is a short window: watch it through a full business cycle before dropping it." : ""));
            }
            if (d.backsConstraint() && !f.isEmpty()) {
                why.add("Constraint " + d.constraint() + " needs it: pgdeck will not drop it.");
            }
            reports.add(new IndexReport(d, counters, f, why, leftoverOf));
        }
        reports.sort(MOST_URGENT_FIRST);
        return new IndexReview(reports, missingIndexes(scans), window);
    }

    private static void invalid(IndexDefinition d, IndexUsage usage, String leftoverOf, Set<IndexFlag> f, List<String> why) {
        if (usage.tablesBuilding().contains(d.tableOid())) {
            f.add(IndexFlag.BUILDING);
            why.add("Not valid yet: an index build is running on " + d.table() + " right now.");
            return;
        }
        f.add(IndexFlag.INVALID);
        if (leftoverOf != null) {
            why.add("Left behind by a failed or cancelled REINDEX CONCURRENTLY of " + leftoverOf
                    + ": queries never use it, yet every write to " + d.table() + " still updates it; drop it.");
        } else {
            why.add("Invalid (a CREATE INDEX CONCURRENTLY failed or was cancelled): queries never use it, yet every"
                    + " write to " + d.table() + " may still update it; drop it, or rebuild it with REINDEX.");
        }
    }

    /** The index of each group of equal ones that stays unflagged: a constraint's, else a unique one, else the oldest. */
    private static void duplicates(List<IndexDefinition> onTable, Map<Long, Set<IndexFlag>> flags,
                                   Map<Long, List<String>> reasons) {
        Map<List<Object>, List<IndexDefinition>> same = onTable.stream().filter(IndexDefinition::valid)
                .collect(Collectors.groupingBy(IndexClassifier::shape));
        for (List<IndexDefinition> group : same.values()) {
            if (group.size() < 2) {
                continue;
            }
            IndexDefinition kept = group.stream().min(KEEP_FIRST).orElseThrow();
            for (IndexDefinition d : group) {
                if (d != kept) {
                    flags.get(d.oid()).add(IndexFlag.DUPLICATE);
                    reasons.get(d.oid()).add("Duplicate of " + kept.name() + ": same columns, method, operator classes"
                            + " and predicate, so one of them is enough; " + kept.name() + " is the one to keep.");
                }
            }
        }
    }

    /** Invalid, then duplicate, redundant, unused, then the rest; the biggest first within each. */
    private static final Comparator<IndexReport> MOST_URGENT_FIRST = Comparator
            .comparingInt((IndexReport r) -> r.has(IndexFlag.INVALID) ? 0 : r.has(IndexFlag.DUPLICATE) ? 1
                    : r.has(IndexFlag.REDUNDANT) ? 2 : r.has(IndexFlag.UNUSED) ? 3 : r.has(IndexFlag.BUILDING) ? 4 : 5)
            .thenComparing(r -> r.index().sizeBytes(), Comparator.nullsLast(Comparator.reverseOrder()));

    private static final Comparator<IndexDefinition> KEEP_FIRST = Comparator
            .comparing((IndexDefinition d) -> !d.backsConstraint())
            .thenComparing(d -> !d.unique())
            .thenComparingLong(IndexDefinition::oid);

    /** A plain index whose key columns lead a longer index's: the longer one serves its queries too. */
    private static void redundant(List<IndexDefinition> onTable, Map<Long, Set<IndexFlag>> flags,
                                  Map<Long, List<String>> reasons) {
        for (IndexDefinition shorter : onTable) {
            if (!shorter.valid() || shorter.unique() || shorter.exclusion() || shorter.expressions() != null
                    || flags.get(shorter.oid()).contains(IndexFlag.DUPLICATE)) {
                continue;
            }
            onTable.stream()
                    .filter(longer -> longer != shorter && longer.valid() && leadsWith(longer, shorter))
                    .min(Comparator.comparingInt(IndexDefinition::keyColumns))
                    .ifPresent(longer -> {
                        flags.get(shorter.oid()).add(IndexFlag.REDUNDANT);
                        reasons.get(shorter.oid()).add("Redundant: its columns lead " + longer.name()
                                + ", which serves the same lookups.");
                    });
        }
    }

    private static boolean leadsWith(IndexDefinition longer, IndexDefinition shorter) {
        int n = shorter.keyColumns();
        return longer.keyColumns() > n
                && longer.method().equals(shorter.method())
                && Objects.equals(longer.predicate(), shorter.predicate())
                && longer.attributes().subList(0, n).equals(shorter.attributes().subList(0, n))
                && !longer.attributes().subList(0, n).contains(0)
                && longer.opclasses().subList(0, n).equals(shorter.opclasses().subList(0, n))
                && longer.options().subList(0, n).equals(shorter.options().subList(0, n))
                && longer.collations().subList(0, n).equals(shorter.collations().subList(0, n));
    }

    /** What makes two indexes on one table the same index. */
    private static List<Object> shape(IndexDefinition d) {
        return java.util.Arrays.asList(d.method(), d.attributes(), d.keyColumns(), d.opclasses(), d.options(),
                d.collations(), d.expressions(), d.predicate());
    }

    static String leftoverOf(String name) {
        Matcher m = LEFTOVER.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    static List<MissingIndexHint> missingIndexes(List<TableScans> scans) {
        return scans.stream()
                .filter(t -> t.seqScans() >= MIN_SEQ_SCANS && t.rowsPerSeqScan() >= MIN_ROWS_PER_SEQ_SCAN
                        && t.seqScans() > t.indexScans())
                .sorted(Comparator.comparingLong(TableScans::seqRowsRead).reversed())
                .limit(MAX_HINTS)
                .map(t -> new MissingIndexHint(t, String.format(Locale.ROOT,
                        "%,d sequential scans read %,d rows each on average (%,d rows in all) against %,d index scans:"
                                + " the queries behind them may want an index.",
                        t.seqScans(), Math.round(t.rowsPerSeqScan()), t.seqRowsRead(), t.indexScans())))
                .toList();
    }

    private static String age(Duration d) {
        if (d == null) {
            return "time";
        }
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86400) {
            return s / 3600 + " h";
        }
        return s / 86400 + " days";
    }
}
