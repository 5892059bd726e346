package io.pgdeck.ui.explain;

import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Before against after in one line: time (or cost), and which scans came and went. */
final class PlanComparison {

    private PlanComparison() {}

    static String describe(PlanAnalysis before, PlanAnalysis after) {
        StringBuilder b = new StringBuilder();
        if (before.plan().analyzed() && after.plan().analyzed() && before.totalMs() > 0 && after.totalMs() > 0) {
            b.append(PlanFormats.ms(before.totalMs())).append(" → ").append(PlanFormats.ms(after.totalMs()))
                    .append(ratio(before.totalMs(), after.totalMs()));
        } else {
            double was = before.plan().root().estimate().totalCost();
            double now = after.plan().root().estimate().totalCost();
            b.append(String.format(Locale.ROOT, "cost %.2f → %.2f", was, now)).append(ratio(was, now));
        }
        Set<String> gone = scans(before);
        Set<String> came = scans(after);
        Set<String> removed = new TreeSet<>(gone);
        removed.removeAll(came);
        came.removeAll(gone);
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

    private static Set<String> scans(PlanAnalysis a) {
        Set<String> scans = new TreeSet<>();
        for (PlanNode n : a.nodes()) {
            if (n.relation() != null) {
                scans.add(n.label());
            }
        }
        return scans;
    }
}
