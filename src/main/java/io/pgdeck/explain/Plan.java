package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed EXPLAIN (FORMAT JSON): the node tree and the figures around it.
 *
 * @param planningMs  null when EXPLAIN did not report it (no ANALYZE/SUMMARY)
 * @param executionMs null when the plan was not run
 * @param settings    changed planner settings (SETTINGS), name to value
 * @param triggers    the triggers an ANALYZE run fired, in EXPLAIN's order
 * @param jit         null when nothing was JIT-compiled (or the plan was not run)
 */
public record Plan(PlanNode root, Double planningMs, Double executionMs, Map<String, String> settings,
                   List<TriggerTime> triggers, JitTime jit, String json) {

    public Plan {
        settings = Map.copyOf(settings);
        triggers = List.copyOf(triggers);
    }

    public boolean analyzed() {
        return root.analyzed();
    }

    /** Every node, depth first, root first: {@code nodes().get(id)} is the node with that id. */
    public List<PlanNode> nodes() {
        List<PlanNode> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(PlanNode node, List<PlanNode> into) {
        into.add(node);
        node.children().forEach(c -> collect(c, into));
    }
}
