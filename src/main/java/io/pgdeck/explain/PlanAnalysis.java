package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a plan's time goes: each node's own time ({@link ExclusiveTimes} says how it is worked
 * out), and the time in no node. The plan's total is the Execution Time (the root's time when
 * EXPLAIN did not print it); what the nodes do not account for ({@link #outsideNodesMs}) is the
 * executor starting and ending (opening relations and partitions, JIT compilation), the AFTER
 * triggers, foreign keys' included, that run once the nodes are done, and the rows a CREATE TABLE
 * AS or SELECT INTO writes into its table (the destination is no node).
 */
public final class PlanAnalysis {

    private final Plan plan;
    private final List<PlanNode> nodes;
    private final List<NodeFigures> figures;
    private final double totalMs;
    private final double nodesMs;
    private final List<ForeignKey> foreignKeys;
    private final List<Insight> insights;

    private PlanAnalysis(Plan plan, List<ForeignKey> foreignKeys) {
        this.plan = plan;
        this.nodes = plan.nodes();
        this.foreignKeys = List.copyOf(foreignKeys);
        ExclusiveTimes times = ExclusiveTimes.of(plan);
        this.nodesMs = Arrays.stream(times.exclusive).sum();
        this.totalMs = plan.executionMs() != null && plan.analyzed() ? plan.executionMs() : times.inclusive[0];
        NodeFigures[] computed = new NodeFigures[nodes.size()];
        for (PlanNode node : nodes) {
            int id = node.id();
            computed[id] = figures(node, times.inclusive[id], times.exclusive[id], times.approximate[id]);
        }
        this.figures = List.of(computed);
        this.insights = PlanInsights.of(this);
    }

    public static PlanAnalysis of(Plan plan) {
        return new PlanAnalysis(plan, List.of());
    }

    /** With what the server said of the foreign keys whose triggers ran (see {@link ForeignKeyIndex}). */
    public static PlanAnalysis of(Plan plan, List<ForeignKey> foreignKeys) {
        return new PlanAnalysis(plan, foreignKeys);
    }

    public static PlanAnalysis of(String json) {
        return of(PlanParser.parse(json));
    }

    private NodeFigures figures(PlanNode node, double inclusiveMs, double exclusiveMs, boolean approximate) {
        Timing t = node.timing();
        double share = totalMs > 0 ? exclusiveMs / totalMs : 0;
        if (t == null || !t.executed()) {
            return new NodeFigures(inclusiveMs, exclusiveMs, share, Double.NaN, false, 0, approximate);
        }
        double estimated = Math.max(1, node.estimate().rows());
        double actual = Math.max(1, t.rows());
        boolean under = actual > estimated;
        double factor = under ? actual / estimated : estimated / actual;
        double removed = node.number("Rows Removed by Filter") + node.number("Rows Removed by Join Filter")
                + node.number("Rows Removed by Index Recheck");
        return new NodeFigures(inclusiveMs, exclusiveMs, share, factor, under, (t.rows() + removed) * t.loops(),
                approximate);
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

    /** The plan's time: the Execution Time (the root's time when EXPLAIN did not print it), in ms; 0 without ANALYZE. */
    public double totalMs() {
        return totalMs;
    }

    /** The nodes' exclusive times added up. */
    public double nodesMs() {
        return nodesMs;
    }

    /**
     * Time of the Execution Time that no node accounts for: executor start and end, and the
     * AFTER triggers (the time of some may also be in {@link #triggers()}).
     */
    public double outsideNodesMs() {
        return Math.max(0, totalMs - nodesMs);
    }

    public List<TriggerTime> triggers() {
        return plan.triggers();
    }

    /** What the server said of the foreign key a trigger enforces, when it was asked. */
    public Optional<ForeignKey> foreignKey(String constraint) {
        return foreignKeys.stream().filter(k -> k.constraint().equals(constraint)).findFirst();
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
