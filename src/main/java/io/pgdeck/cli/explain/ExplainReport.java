package io.pgdeck.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgdeck.cli.JsonOutput;
import io.pgdeck.explain.Buffers;
import io.pgdeck.explain.ExplainResult;
import io.pgdeck.explain.Insight;
import io.pgdeck.explain.JitTime;
import io.pgdeck.explain.NodeFigures;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.explain.TriggerTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pgdeck explain} prints: the same analysis the workbench shows, as records, so the
 * JSON field names (snake_case) stay stable as long as these do.
 *
 * @param server         "PostgreSQL 17.2", or where a saved plan was read from
 * @param outsideNodesMs the Execution Time no node accounts for: executor start and end, AFTER triggers
 * @param plan           the EXPLAIN JSON as PostgreSQL returned it
 */
record ExplainReport(String server, String statement, String options, Double planningMs, Double executionMs,
                     double totalMs, double outsideNodesMs, List<TriggerTime> triggers, JitTime jit, List<Node> nodes,
                     List<Finding> insights, JsonNode plan) {

    /** One plan node with pgdeck's figures; {@code depth} 0 is the root. Rows are per loop, as EXPLAIN gives them. */
    record Node(int id, int depth, String nodeType, String relation, String index, String label, double estimatedRows,
                Double actualRows, Long loops, Double misestimate, Double inclusiveMs, Double exclusiveMs, Double share,
                Boolean approximate, Buffers buffers) {}

    record Finding(String rule, String severity, int nodeId, String title, String explanation) {}

    static ExplainReport of(String server, ExplainResult result) {
        return of(server, result.statement(), result.options().sql(), result.analysis());
    }

    /** @param options the EXPLAIN options as PostgreSQL reads them, or what is known of a saved plan's */
    static ExplainReport of(String server, String statement, String options, PlanAnalysis a) {
        List<Node> nodes = new ArrayList<>();
        add(a, a.plan().root(), 0, nodes);
        List<Finding> findings = a.insights().stream().map(ExplainReport::finding).toList();
        JsonNode plan;
        try {
            plan = JsonOutput.mapper().readTree(a.plan().json());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the plan's JSON did not read back", e);
        }
        return new ExplainReport(server, statement, options, a.plan().planningMs(), a.plan().executionMs(),
                a.totalMs(), a.outsideNodesMs(), a.triggers(), a.plan().jit(), nodes, findings, plan);
    }

    private static void add(PlanAnalysis a, PlanNode n, int depth, List<Node> into) {
        NodeFigures f = a.figures(n);
        boolean ran = n.analyzed();
        into.add(new Node(n.id(), depth, n.nodeType(), n.relation(), n.index(), n.label(), n.estimate().rows(),
                ran ? n.timing().rows() : null, ran ? n.timing().loops() : null,
                Double.isNaN(f.misestimate()) ? null : f.misestimate(),
                ran ? f.inclusiveMs() : null, ran ? f.exclusiveMs() : null, ran ? f.share() : null,
                ran ? f.approximate() : null, n.buffers()));
        n.children().forEach(c -> add(a, c, depth + 1, into));
    }

    private static Finding finding(Insight i) {
        return new Finding(i.rule().name().toLowerCase(java.util.Locale.ROOT), i.severity().name(), i.nodeId(),
                i.title(), i.explanation());
    }
}
