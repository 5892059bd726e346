package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a plan's time goes. A node's reported time is per loop and, in the parallel part of a
 * plan, per process; so its inclusive time is {@code Actual Total Time × Actual Loops} divided by
 * the processes of the nearest Gather above it (launched workers plus the leader), and its
 * exclusive time is that minus its children's inclusive times (never below zero: a CTE or an
 * InitPlan may be counted under two parents).
 */
public final class PlanAnalysis {

    private final Plan plan;
    private final List<PlanNode> nodes;
    private final List<NodeFigures> figures;
    private final double totalMs;
    private final List<Insight> insights;

    private PlanAnalysis(Plan plan) {
        this.plan = plan;
        this.nodes = plan.nodes();
        NodeFigures[] computed = new NodeFigures[nodes.size()];
        double[] inclusive = new double[nodes.size()];
        inclusive(plan.root(), 1, inclusive);
        double sumExclusive = 0;
        double[] exclusive = new double[nodes.size()];
        for (PlanNode node : nodes) {
            double children = 0;
            for (PlanNode child : node.children()) {
                children += inclusive[child.id()];
            }
            exclusive[node.id()] = Math.max(0, inclusive[node.id()] - children);
            sumExclusive += exclusive[node.id()];
        }
        this.totalMs = Math.max(inclusive[0], sumExclusive);
        for (PlanNode node : nodes) {
            computed[node.id()] = figures(node, inclusive[node.id()], exclusive[node.id()]);
        }
        this.figures = List.of(computed);
        List<Insight> found = new ArrayList<>();
        for (InsightRule rule : InsightRule.values()) {
            for (PlanNode node : nodes) {
                rule.check(node, figures.get(node.id()), this).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(Insight::severity).reversed()
                .thenComparing(i -> -figures.get(i.nodeId()).exclusiveMs()));
        this.insights = List.copyOf(found);
    }

    public static PlanAnalysis of(Plan plan) {
        return new PlanAnalysis(plan);
    }

    public static PlanAnalysis of(String json) {
        return of(PlanParser.parse(json));
    }

    private static void inclusive(PlanNode node, double processes, double[] into) {
        Timing t = node.timing();
        into[node.id()] = t == null ? 0 : t.totalMs() * t.loops() / processes;
        double below = processes;
        if (node.nodeType().startsWith("Gather")) {
            // the leader takes part too, unless parallel_leader_participation is off; its loops say
            double launched = node.number("Workers Launched");
            below = Math.max(1, launched + 1);
        }
        for (PlanNode child : node.children()) {
            inclusive(child, below, into);
        }
    }

    private NodeFigures figures(PlanNode node, double inclusiveMs, double exclusiveMs) {
        Timing t = node.timing();
        double share = totalMs > 0 ? exclusiveMs / totalMs : 0;
        if (t == null || !t.executed()) {
            return new NodeFigures(inclusiveMs, exclusiveMs, share, Double.NaN, false, 0);
        }
        double estimated = Math.max(1, node.estimate().rows());
        double actual = Math.max(1, t.rows());
        boolean under = actual > estimated;
        double factor = under ? actual / estimated : estimated / actual;
        double removed = node.number("Rows Removed by Filter") + node.number("Rows Removed by Join Filter")
                + node.number("Rows Removed by Index Recheck");
        return new NodeFigures(inclusiveMs, exclusiveMs, share, factor, under, (t.rows() + removed) * t.loops());
    }

    public Plan plan() {
        return plan;
    }

    /** Every node, depth first; {@code nodes().get(id)} has that id. */
    public List<PlanNode> nodes() {
        return nodes;
    }

    public NodeFigures figures(PlanNode node) {
        return figures.get(node.id());
    }

    public NodeFigures figures(int nodeId) {
        return figures.get(nodeId);
    }

    /** The plan's time: the root's inclusive time, in ms; 0 without ANALYZE. */
    public double totalMs() {
        return totalMs;
    }

    /** Insights, the most severe first, then the most expensive node first. */
    public List<Insight> insights() {
        return insights;
    }

    /** The nodes by exclusive time, most expensive first: where the time goes. */
    public List<PlanNode> byExclusiveTime() {
        return nodes.stream().sorted(Comparator.comparingDouble((PlanNode n) -> -figures(n).exclusiveMs())).toList();
    }
}
