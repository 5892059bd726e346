package io.pgdeck.ui.explain;

import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pairs the nodes of two plans of one statement one to one, the way a DBA reads them side by
 * side: first each relation's scan with the same relation's scan (alias included, for self
 * joins), whatever the scan became; then from the roots down, each matched node's remaining
 * children by node type, then by position. What is left is in one plan only.
 */
final class PlanMatching {

    private final PlanAnalysis before;
    private final PlanAnalysis after;
    /** after node id per before node id, and back; -1 when unmatched. */
    private final int[] toAfter;
    private final int[] toBefore;

    private PlanMatching(PlanAnalysis before, PlanAnalysis after) {
        this.before = before;
        this.after = after;
        toAfter = new int[before.nodes().size()];
        toBefore = new int[after.nodes().size()];
        java.util.Arrays.fill(toAfter, -1);
        java.util.Arrays.fill(toBefore, -1);
    }

    /** The pairs in the after plan's order, then what only the before plan had, in its order. */
    static List<NodeMatch> match(PlanAnalysis before, PlanAnalysis after) {
        PlanMatching m = new PlanMatching(before, after);
        m.byRelation();
        m.pair(before.plan().root(), after.plan().root());
        m.downFrom(before.plan().root());
        List<NodeMatch> matches = new ArrayList<>();
        for (PlanNode a : after.nodes()) {
            int b = m.toBefore[a.id()];
            PlanNode was = b < 0 ? null : before.nodes().get(b);
            matches.add(new NodeMatch(was, was == null ? null : before.figures(was), a, after.figures(a),
                    was == null ? NodeMatch.Change.ONLY_AFTER : same(was, a) ? NodeMatch.Change.SAME : NodeMatch.Change.CHANGED));
        }
        for (PlanNode b : before.nodes()) {
            if (m.toAfter[b.id()] < 0) {
                matches.add(new NodeMatch(b, before.figures(b), null, null, NodeMatch.Change.ONLY_BEFORE));
            }
        }
        return matches;
    }

    private void byRelation() {
        Map<String, List<PlanNode>> waiting = new HashMap<>();
        for (PlanNode a : after.nodes()) {
            if (a.relation() != null) {
                waiting.computeIfAbsent(relationKey(a), k -> new ArrayList<>()).add(a);
            }
        }
        for (PlanNode b : before.nodes()) {
            List<PlanNode> candidates = b.relation() == null ? List.of() : waiting.getOrDefault(relationKey(b), List.of());
            if (!candidates.isEmpty()) {
                // the same scan first, when a relation is read twice
                PlanNode a = candidates.stream().filter(c -> same(b, c)).findFirst().orElse(candidates.get(0));
                candidates.remove(a);
                pair(b, a);
            }
        }
    }

    private void downFrom(PlanNode b) {
        int a = toAfter[b.id()];
        if (a >= 0) {
            List<PlanNode> theirs = after.nodes().get(a).children().stream().filter(c -> toBefore[c.id()] < 0)
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            List<PlanNode> ours = b.children().stream().filter(c -> toAfter[c.id()] < 0).toList();
            for (PlanNode child : ours) {
                theirs.stream().filter(c -> c.nodeType().equals(child.nodeType())).findFirst().ifPresent(c -> {
                    pair(child, c);
                    theirs.remove(c);
                });
            }
            for (PlanNode child : ours) {
                if (toAfter[child.id()] < 0 && !theirs.isEmpty()) {
                    pair(child, theirs.remove(0));
                }
            }
        }
        b.children().forEach(this::downFrom);
    }

    private void pair(PlanNode b, PlanNode a) {
        if (toAfter[b.id()] < 0 && toBefore[a.id()] < 0) {
            toAfter[b.id()] = a.id();
            toBefore[a.id()] = b.id();
        }
    }

    private static String relationKey(PlanNode n) {
        return n.schema() + "." + n.relation() + " " + n.alias();
    }

    private static boolean same(PlanNode b, PlanNode a) {
        return b.nodeType().equals(a.nodeType()) && Objects.equals(b.relation(), a.relation())
                && Objects.equals(b.index(), a.index());
    }
}
