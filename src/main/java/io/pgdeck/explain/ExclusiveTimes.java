package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node's time with what runs under it (inclusive) and without (exclusive), in wall-clock ms.
 *
 * <p>A node's inclusive time is {@code Actual Total Time × Actual Loops} (EXPLAIN prints per-loop
 * averages) divided by the processes that shared the work: under a Gather, as many as the loops of
 * the Gather's outer child per loop of the Gather (the leader counts only when it took part;
 * a Single Copy Gather's child runs in one worker), not the launched workers plus one.
 *
 * <p>Its exclusive time is its inclusive time minus what ran inside it, decided by where the
 * executor spends a sub-plan's time:
 * <ul>
 * <li>an ordinary child or a SubPlan: inside the node that pulls from it or calls it;</li>
 * <li>a CTE ("CTE x"): inside the CTE Scans of x that pull rows from it, so it comes off those,
 *     shared in proportion to their times (EXPLAIN does not say which scan ran it); a CTE that no
 *     scan read ran in no node (a data-modifying CTE finished at the end of the statement);</li>
 * <li>an InitPlan: inside the node that first needs its value (it runs once, on first use):
 *     one whose One-Time Filter or Params Evaluated names it, else the first node to run with
 *     the reference in a condition, else in its Output, else the node it hangs from. A value used
 *     below a Gather was computed by the Gather before starting its workers (Params Evaluated,
 *     which PostgreSQL 17 no longer prints), so it comes off the Gather and is not divided.</li>
 * </ul>
 * The InitPlan's node and the nodes between it and the user keep their time: they include the
 * InitPlan only through the user. Rounding can leave a node slightly below zero; it shows 0.
 */
final class ExclusiveTimes {

    /** EXPLAIN prints per-loop times to the microsecond, so each loop's figure may be 0.5 µs off. */
    private static final double ROUNDING_MS = 0.0005;
    /** "InitPlan 1 (returns $0,$1)" up to PostgreSQL 16; "InitPlan 1", read as "(InitPlan 1).col1", from 17 on. */
    private static final Pattern RETURNS = Pattern.compile("\\(returns ([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\$\\d+");

    private final List<PlanNode> nodes;
    private final int[] parent;
    private final double[] processes;
    final double[] inclusive;
    final double[] exclusive;
    final boolean[] approximate;

    private ExclusiveTimes(Plan plan) {
        nodes = plan.nodes();
        int n = nodes.size();
        parent = new int[n];
        processes = new double[n];
        inclusive = new double[n];
        exclusive = new double[n];
        approximate = new boolean[n];
        parent[0] = -1;
        walk(plan.root(), 1);
        double[] rounding = new double[n];
        for (PlanNode node : nodes) {
            Timing t = node.timing();
            if (t != null) {
                inclusive[node.id()] = t.totalMs() * t.loops() / processes[node.id()];
                rounding[node.id()] = ROUNDING_MS * t.loops() / processes[node.id()];
            }
        }
        System.arraycopy(inclusive, 0, exclusive, 0, n);
        double[] uncertainty = rounding.clone();
        for (PlanNode node : nodes.subList(1, n)) {
            int id = node.id();
            String subplan = node.text("Subplan Name");
            boolean initPlan = "InitPlan".equals(node.text("Parent Relationship"));
            if (initPlan && subplan != null && subplan.startsWith("CTE ")) {
                List<PlanNode> scans = cteScans(id, subplan.substring(4));
                double read = scans.stream().mapToDouble(s -> inclusive[s.id()]).sum();
                for (PlanNode scan : read > 0 ? scans : List.<PlanNode>of()) {
                    double part = inclusive[scan.id()] / read;
                    exclusive[scan.id()] -= inclusive[id] * part;
                    uncertainty[scan.id()] += rounding[id] * part;
                }
            } else {
                int into = initPlan ? initPlanUser(id, subplan) : parent[id];
                exclusive[into] -= inclusive[id];
                uncertainty[into] += rounding[id];
            }
        }
        for (int i = 0; i < n; i++) {
            exclusive[i] = Math.max(0, exclusive[i]);
            approximate[i] = uncertainty[i] > Math.max(0.01, exclusive[i] * 0.01);
        }
    }

    static ExclusiveTimes of(Plan plan) {
        return new ExclusiveTimes(plan);
    }

    private void walk(PlanNode node, double sharedBy) {
        processes[node.id()] = sharedBy;
        double below = node.nodeType().startsWith("Gather") ? gatherProcesses(node, sharedBy) : sharedBy;
        for (PlanNode child : node.children()) {
            parent[child.id()] = node.id();
            // a Gather's InitPlans run in the leader alone, before the workers start
            walk(child, "InitPlan".equals(child.text("Parent Relationship")) ? sharedBy : below);
        }
    }

    private static double gatherProcesses(PlanNode gather, double sharedBy) {
        PlanNode outer = gather.children().stream().filter(c -> !"InitPlan".equals(c.text("Parent Relationship")))
                .findFirst().orElse(null);
        if (outer == null || !gather.analyzed() || !outer.analyzed() || gather.timing().loops() == 0
                || outer.timing().loops() == 0) {
            return sharedBy;
        }
        return Math.max(1, (double) outer.timing().loops() / gather.timing().loops());
    }

    /** The CTE Scans of a CTE: under the node the CTE hangs from, or anywhere when none is there. */
    private List<PlanNode> cteScans(int cte, String name) {
        List<PlanNode> scans = new ArrayList<>();
        for (PlanNode node : under(parent[cte], cte)) {
            if (node.nodeType().equals("CTE Scan") && name.equals(node.text("CTE Name"))) {
                scans.add(node);
            }
        }
        if (scans.isEmpty()) {
            nodes.stream().filter(s -> s.nodeType().equals("CTE Scan") && name.equals(s.text("CTE Name")))
                    .forEach(scans::add);
        }
        return scans;
    }

    private int initPlanUser(int initPlan, String subplan) {
        int attached = parent[initPlan];
        Pattern reference = reference(subplan);
        if (reference == null) {
            return attached;
        }
        List<PlanNode> candidates = under(attached, initPlan);
        int user = -1;
        for (PlanNode node : candidates) { // these evaluate before anything below them runs
            if (mentions(node.text("One-Time Filter"), reference) || mentions(node.text("Params Evaluated"), reference)) {
                user = node.id();
                break;
            }
        }
        if (user < 0) {
            user = firstToRun(nodes.get(attached), initPlan, reference, false);
        }
        if (user < 0) {
            user = firstToRun(nodes.get(attached), initPlan, reference, true);
        }
        return user < 0 ? attached : gatherAbove(user, attached);
    }

    /** The Gather between the user and the node the InitPlan hangs from, which evaluated it for its workers. */
    private int gatherAbove(int user, int attached) {
        for (int up = user; up != attached; ) {
            up = parent[up];
            if (nodes.get(up).nodeType().startsWith("Gather")) {
                return up;
            }
        }
        return user;
    }

    private static Pattern reference(String subplan) {
        if (subplan == null) {
            return null;
        }
        Matcher returns = RETURNS.matcher(subplan);
        if (returns.find()) {
            List<String> params = new ArrayList<>();
            Matcher param = PARAM.matcher(returns.group(1));
            while (param.find()) {
                params.add(Pattern.quote(param.group()) + "(?!\\d)");
            }
            return params.isEmpty() ? null : Pattern.compile(String.join("|", params));
        }
        int space = subplan.indexOf(' ', "InitPlan ".length());
        return Pattern.compile(Pattern.quote("(" + (space < 0 ? subplan : subplan.substring(0, space)) + ")"));
    }

    /** Children before their parent, outer before inner: the order in which nodes first evaluate a condition. */
    private int firstToRun(PlanNode node, int skip, Pattern reference, boolean output) {
        if (node.id() == skip) {
            return -1;
        }
        for (PlanNode child : node.children()) {
            int found = firstToRun(child, skip, reference, output);
            if (found >= 0) {
                return found;
            }
        }
        for (var property : node.properties().entrySet()) {
            boolean isOutput = property.getKey().equals("Output");
            if (isOutput == output && !property.getKey().equals("Subplan Name")
                    && mentions(String.valueOf(property.getValue()), reference)) {
                return node.id();
            }
        }
        return -1;
    }

    private static boolean mentions(String text, Pattern reference) {
        return text != null && reference.matcher(text).find();
    }

    /** The nodes under {@code top} (itself included), depth first, without the subtree of {@code skip}. */
    private List<PlanNode> under(int top, int skip) {
        List<PlanNode> found = new ArrayList<>();
        collect(nodes.get(top), skip, found);
        return found;
    }

    private static void collect(PlanNode node, int skip, List<PlanNode> into) {
        if (node.id() == skip) {
            return;
        }
        into.add(node);
        node.children().forEach(c -> collect(c, skip, into));
    }
}
