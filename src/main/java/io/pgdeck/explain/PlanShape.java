package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each node sits in its plan, for the rules that judge a node by its surroundings: its
 * parent; whether its output was cut short (so fewer rows than estimated is no misestimate); and
 * whether it is one of many partitions of one table under an Append, so that a finding on all of
 * them is told once.
 */
final class PlanShape {

    /**
     * Nodes that read all their input before returning a row: stopping them early does not stop
     * their input. A Materialize reads its input only as far as it is asked, so it is not one.
     */
    private static final Set<String> READ_ALL = Set.of("Sort", "Hash", "SetOp");
    private static final Pattern NUMBERED_ALIAS = Pattern.compile("(.+)_\\d+");

    private final PlanNode[] parents;
    private final boolean[] stopped;
    private final Partitions[] partitions;

    /**
     * Scans of partitions of one table, as EXPLAIN shows them under an Append: their aliases are
     * the table's with a number ({@code events_1}...), or failing that their names share a prefix.
     *
     * @param append the Append or Merge Append above them
     * @param table  the partitioned table, as its partitions' names give it
     */
    record Partitions(PlanNode append, String schema, String table) {}

    private PlanShape(Plan plan) {
        int size = plan.nodes().size();
        parents = new PlanNode[size];
        stopped = new boolean[size];
        partitions = new Partitions[size];
        walk(plan.root(), false, null);
    }

    static PlanShape of(Plan plan) {
        return new PlanShape(plan);
    }

    private void walk(PlanNode node, boolean cutShort, Partitions under) {
        stopped[node.id()] = cutShort;
        if (node.relation() != null) {
            partitions[node.id()] = under;
        }
        Partitions group = node.nodeType().endsWith("Append") ? partitionsUnder(node) : under;
        for (int i = 0; i < node.children().size(); i++) {
            PlanNode child = node.children().get(i);
            parents[child.id()] = node;
            walk(child, cutsShort(node, i, cutShort), group);
        }
    }

    /**
     * Whether the parent may have stopped reading its i-th child before the child ran out: a Limit
     * that got its rows, the inner side of a semi or anti join (EXISTS, NOT EXISTS) or of a join
     * on a unique inner, which stops at the first match, either side of a Merge Join, which stops
     * when the other side ends, a sub-plan (EXISTS, IN) that stops at its first row, and anything
     * that passes rows through from a node that was stopped (a nested loop's outer side, not its
     * inner one, which runs whole for each outer row).
     */
    private static boolean cutsShort(PlanNode parent, int i, boolean parentCutShort) {
        PlanNode child = parent.children().get(i);
        if ("SubPlan".equals(child.text("Parent Relationship")) || "InitPlan".equals(child.text("Parent Relationship"))) {
            return true;
        }
        if (parent.nodeType().equals("Limit")) {
            return parentCutShort || parent.analyzed() && parent.timing().rows() >= Math.round(parent.estimate().rows());
        }
        if (parent.nodeType().equals("Merge Join")) {
            return true;
        }
        boolean inner = i == 1 && "Inner".equals(child.text("Parent Relationship"));
        if (inner && parent.nodeType().equals("Nested Loop")) {
            // run again for each outer row, and each run is whole unless one match is enough
            return isOneMatch(parent);
        }
        boolean readsAll = READ_ALL.contains(parent.nodeType())
                || parent.nodeType().equals("Aggregate") && !"Sorted".equals(parent.text("Strategy"))
                || parent.nodeType().equals("Hash Join") && inner;
        return parentCutShort && !readsAll;
    }

    private static boolean isOneMatch(PlanNode join) {
        String type = join.text("Join Type");
        return "Semi".equals(type) || "Anti".equals(type) || Boolean.TRUE.equals(join.properties().get("Inner Unique"));
    }

    private static Partitions partitionsUnder(PlanNode append) {
        List<PlanNode> scans = new ArrayList<>();
        collectScans(append, scans);
        if (scans.size() < 2) {
            return null;
        }
        String table = tableOfAliases(scans);
        if (table == null) {
            table = commonStem(scans);
        }
        return table == null ? null : new Partitions(append, scans.get(0).schema(), table);
    }

    private static void collectScans(PlanNode node, List<PlanNode> into) {
        for (PlanNode child : node.children()) {
            if (child.relation() != null) {
                into.add(child);
            } else if (!child.nodeType().endsWith("Append")) {
                collectScans(child, into);
            }
        }
    }

    /** {@code events_1}, {@code events_2} on partitions whose names start with {@code events_}: the table is events. */
    private static String tableOfAliases(List<PlanNode> scans) {
        String table = null;
        for (PlanNode scan : scans) {
            Matcher m = NUMBERED_ALIAS.matcher(String.valueOf(scan.alias()));
            if (!m.matches() || table != null && !table.equals(m.group(1)) || !scan.relation().startsWith(m.group(1) + "_")) {
                return null;
            }
            table = m.group(1);
        }
        return table;
    }

    /** The names' common prefix up to its last underscore: events_p0, events_p1 give events. */
    private static String commonStem(List<PlanNode> scans) {
        String prefix = scans.get(0).relation();
        for (PlanNode scan : scans) {
            int n = 0;
            while (n < prefix.length() && n < scan.relation().length() && prefix.charAt(n) == scan.relation().charAt(n)) {
                n++;
            }
            prefix = prefix.substring(0, n);
        }
        int cut = prefix.lastIndexOf('_');
        String stem = cut > 0 ? prefix.substring(0, cut) : prefix.replaceAll("\\d+$", "");
        return stem.isEmpty() ? null : stem;
    }

    /** The node's parent, or null for the root. */
    PlanNode parent(PlanNode node) {
        return parents[node.id()];
    }

    /** Whether the node's parent may have stopped reading it before it ran out of rows. */
    boolean cutShort(PlanNode node) {
        return stopped[node.id()];
    }

    /** The partitions group a scan belongs to, or null when it is no partition among others. */
    Partitions partitions(PlanNode node) {
        return partitions[node.id()];
    }
}
