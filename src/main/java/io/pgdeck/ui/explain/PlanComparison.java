package io.pgdeck.ui.explain;

import io.pgdeck.explain.PlanAnalysis;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Before against after in one line: time (or cost), and which scans came and went, as the
 * node-by-node matching paired them.
 */
final class PlanComparison {

    private PlanComparison() {}

    static String describe(PlanAnalysis before, PlanAnalysis after, List<NodeMatch> matches) {
        StringBuilder b = new StringBuilder();
        if (before.plan().analyzed() && after.plan().analyzed() && before.totalMs() > 0 && after.totalMs() > 0) {
            b.append(PlanFormats.ms(before.totalMs())).append(" → ").append(PlanFormats.ms(after.totalMs()))
                    .append(ratio(before.totalMs(), after.totalMs()));
        } else {
            double was = before.plan().root().estimate().totalCost();
            double now = after.plan().root().estimate().totalCost();
            b.append(String.format(Locale.ROOT, "cost %.2f → %.2f", was, now)).append(ratio(was, now));
        }
        Set<String> removed = new TreeSet<>();
        Set<String> came = new TreeSet<>();
        for (NodeMatch m : matches) {
            if (m.change() == NodeMatch.Change.SAME) {
                continue;
            }
            if (m.before() != null && m.before().relation() != null) {
                removed.add(m.before().label());
            }
            if (m.after() != null && m.after().relation() != null) {
                came.add(m.after().label());
            }
        }
        if (!removed.isEmpty()) {
            b.append("; no longer: ").append(String.join(", ", removed));
        }
        if (!came.isEmpty()) {
            b.append("; now: ").append(String.join(", ", came));
        }
        b.append(String.format(Locale.ROOT, "; insights %d → %d", before.insights().size(), after.insights().size()));
        return b.toString();
    }

    private static String ratio(double was, double now) {
        if (was <= 0 || now <= 0) {
            return "";
        }
        return was >= now ? String.format(Locale.ROOT, " (%.1f× faster)", was / now)
                : String.format(Locale.ROOT, " (%.1f× slower)", now / was);
    }
}
