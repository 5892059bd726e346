package io.pgdeck.ui.explain;

import io.pgdeck.explain.Buffers;
import io.pgdeck.explain.Insight;
import io.pgdeck.explain.NodeFigures;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.explain.Timing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One node as text a DBA can read and copy: first what decides its cost (its conditions and keys,
 * rows expected and got, what its filters threw away, time, buffers, workers), then its insights,
 * then everything else EXPLAIN said of it, so nothing of {@link PlanNode#properties} is lost.
 */
final class NodeDetail {

    /** The conditions and keys, in the order a DBA reads them. */
    private static final List<String> CONDITIONS = List.of("Index Cond", "Recheck Cond", "Filter", "Hash Cond",
            "Merge Cond", "Join Filter", "Sort Key", "Presorted Key", "Group Key", "Sort Method", "Output");
    private static final List<String> REMOVED = List.of("Rows Removed by Filter", "Rows Removed by Join Filter",
            "Rows Removed by Index Recheck", "Heap Fetches");
    private static final List<String> WORKERS = List.of("Workers Planned", "Workers Launched");

    private NodeDetail() {}

    static String describe(PlanAnalysis analysis, PlanNode node) {
        List<String> lines = new ArrayList<>();
        lines.add(node.label());
        Set<String> shown = new LinkedHashSet<>();
        for (String key : CONDITIONS) {
            if (node.has(key)) {
                lines.add(key + ": " + node.text(key));
                shown.add(key);
            }
        }
        lines.add(rows(node, analysis.figures(node)));
        Timing t = node.timing();
        for (String key : REMOVED) {
            if (node.has(key)) {
                long loops = t == null ? 1 : Math.max(1, t.loops());
                lines.add(key + ": " + PlanFormats.rows(node.number(key)) + (loops > 1 ? " per loop, "
                        + PlanFormats.rows(node.number(key) * loops) + " in all" : ""));
                shown.add(key);
            }
        }
        if (t != null) {
            NodeFigures f = analysis.figures(node);
            lines.add(String.format(Locale.ROOT, "Time: %s itself, %s with its children (%.1f%% of the plan)",
                    PlanFormats.ms(f.exclusiveMs()), PlanFormats.ms(f.inclusiveMs()), f.share() * 100));
        }
        lines.add(String.format(Locale.ROOT, "Cost: %.2f..%.2f, width %d", node.estimate().startupCost(),
                node.estimate().totalCost(), node.estimate().width()));
        if (node.buffers().any()) {
            lines.add("Buffers: " + buffers(node.buffers()));
        }
        List<String> workers = new ArrayList<>();
        for (String key : WORKERS) {
            if (node.has(key)) {
                workers.add(key.substring("Workers ".length()).toLowerCase(Locale.ROOT) + " " + node.text(key));
                shown.add(key);
            }
        }
        if (!workers.isEmpty()) {
            lines.add("Workers: " + String.join(", ", workers));
        }
        List<Insight> insights = analysis.insights().stream().filter(i -> i.nodeId() == node.id()).toList();
        lines.add("");
        lines.add(insights.isEmpty() ? "Insights: none on this node" : "Insights:");
        for (Insight i : insights) {
            lines.add("  " + i.severity() + "  " + i.title());
            lines.add("    " + i.explanation());
        }
        List<String> rest = new ArrayList<>();
        for (Map.Entry<String, Object> e : node.properties().entrySet()) {
            if (!shown.contains(e.getKey())) {
                rest.add("  " + e.getKey() + ": " + e.getValue());
            }
        }
        if (!rest.isEmpty()) {
            lines.add("");
            lines.add("Everything else EXPLAIN said:");
            lines.addAll(rest);
        }
        return String.join("\n", lines);
    }

    private static String rows(PlanNode node, NodeFigures f) {
        String estimated = "Rows: " + PlanFormats.rows(node.estimate().rows()) + " estimated";
        Timing t = node.timing();
        if (t == null) {
            return estimated + " per loop";
        }
        if (!t.executed()) {
            return estimated + "; never executed";
        }
        String actual = estimated + ", " + PlanFormats.rows(t.rows()) + " actual per loop × " + PlanFormats.rows(t.loops())
                + (t.loops() == 1 ? " loop" : " loops");
        return Double.isNaN(f.misestimate()) || f.misestimate() < 1.05 ? actual
                : actual + " (" + (f.underestimated() ? "under" : "over") + "estimated " + PlanFormats.factor(f.misestimate()) + ")";
    }

    private static String buffers(Buffers b) {
        List<String> parts = new ArrayList<>();
        add(parts, "shared hit", b.sharedHit());
        add(parts, "read", b.sharedRead());
        add(parts, "dirtied", b.sharedDirtied());
        add(parts, "written", b.sharedWritten());
        add(parts, "local hit", b.localHit());
        add(parts, "local read", b.localRead());
        add(parts, "temp read", b.tempRead());
        add(parts, "temp written", b.tempWritten());
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, long blocks) {
        if (blocks > 0) {
            parts.add(name + " " + PlanFormats.rows(blocks));
        }
    }
}
