package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule on every node of an analysed plan, with a finding repeated on many partitions of one
 * table told once (601 partitions scanned the same way are one insight, not 601), the most severe
 * first, then the most expensive node first.
 */
final class PlanInsights {

    private PlanInsights() {}

    static List<Insight> of(PlanAnalysis analysis) {
        PlanShape shape = PlanShape.of(analysis.plan());
        List<Insight> found = new ArrayList<>();
        for (InsightRule rule : InsightRule.values()) {
            Map<PlanShape.Partitions, List<Insight>> onPartitions = new LinkedHashMap<>();
            for (PlanNode node : analysis.nodes()) {
                rule.check(node, analysis.figures(node), analysis, shape).ifPresent(insight -> {
                    PlanShape.Partitions group = shape.partitions(node);
                    if (group == null) {
                        found.add(insight);
                    } else {
                        onPartitions.computeIfAbsent(group, g -> new ArrayList<>()).add(insight);
                    }
                });
            }
            onPartitions.forEach((group, insights) -> {
                if (insights.size() == 1) {
                    found.addAll(insights);
                } else {
                    found.add(rule.overPartitions(group, insights, analysis));
                }
            });
        }
        found.sort(Comparator.comparing(Insight::severity).reversed()
                .thenComparing(i -> -analysis.figures(i.nodeId()).exclusiveMs()));
        return List.copyOf(found);
    }
}
