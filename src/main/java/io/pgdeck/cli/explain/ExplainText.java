package io.pgdeck.cli.explain;

import io.pgdeck.explain.JitTime;
import io.pgdeck.explain.TriggerTime;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The plan for a terminal: one line per node, indented as a tree, then the time in no node
 * (triggers, executor start and end), JIT, then the insights.
 */
final class ExplainText {

    private ExplainText() {}

    static void print(ExplainReport r, PrintWriter out) {
        boolean analyzed = r.executionMs() != null;
        out.printf(Locale.ROOT, "pgdeck explain on %s (%s)%s%n", r.server(), r.options(), analyzed
                ? String.format(Locale.ROOT, ": %.3f ms, planning %.3f ms", r.executionMs(), orZero(r.planningMs())) : "");
        if (analyzed) {
            out.println("  total ms    self ms  share   est rows  act rows   loops  misest  shared hit/read  node");
        } else {
            out.println("  est rows  node");
        }
        for (ExplainReport.Node n : r.nodes()) {
            String node = "  ".repeat(n.depth()) + (n.depth() > 0 ? "-> " : "") + n.label();
            if (analyzed && n.loops() != null) {
                // ~: an average per loop rounded to the microsecond, times many loops
                out.printf(Locale.ROOT, "%9.3f %s%9.3f  %4.0f%%  %9.0f %9.0f  %6d  %6s  %15s  %s%n", n.inclusiveMs(),
                        Boolean.TRUE.equals(n.approximate()) ? "~" : " ", n.exclusiveMs(), n.share() * 100, n.estimatedRows(), n.actualRows(), n.loops(),
                        n.misestimate() == null ? "" : String.format(Locale.ROOT, "%.0f×", n.misestimate()),
                        n.buffers().sharedHit() + "/" + n.buffers().sharedRead(), node);
            } else {
                out.printf(Locale.ROOT, "%10.0f  %s%n", n.estimatedRows(), node);
            }
        }
        if (analyzed) {
            printOutsideNodes(r, out);
        }
        out.println(r.insights().isEmpty() ? "insights: none" : "insights:");
        for (ExplainReport.Finding f : r.insights()) {
            out.printf(Locale.ROOT, "  %-8s #%d %s%n", f.severity(), f.nodeId(), f.title());
            out.println("           " + f.explanation());
        }
        out.flush();
    }

    private static void printOutsideNodes(ExplainReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "%9.3f             %4.0f%%  in no node: executor start and end, AFTER triggers%n",
                r.outsideNodesMs(), share(r.outsideNodesMs(), r));
        for (TriggerTime t : r.triggers()) {
            out.printf(Locale.ROOT, "%9.3f             %4.0f%%  %d calls of trigger %s on %s%s%n", t.ms(), share(t.ms(), r),
                    t.calls(), t.name(), t.relation(), t.constraint() == null ? "" : " (foreign key " + t.constraint() + ")");
        }
        JitTime jit = r.jit();
        if (jit != null) {
            out.printf(Locale.ROOT, "JIT: %d functions, %.3f ms (generation %.3f, inlining %.3f, optimization %.3f,"
                            + " emission %.3f)%n", jit.functions(), jit.totalMs(), jit.generationMs(), jit.inliningMs(),
                    jit.optimizationMs(), jit.emissionMs());
        }
    }

    private static double share(double ms, ExplainReport r) {
        return r.totalMs() > 0 ? ms / r.totalMs() * 100 : 0;
    }

    private static double orZero(Double d) {
        return d == null ? 0 : d;
    }
}
