package io.pgdeck.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-made EXPLAIN JSON for tests: one node at a time, with only the keys a test cares about. */
final class CraftedPlan {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node = JSON.createObjectNode();

    private CraftedPlan(String nodeType) {
        node.put("Node Type", nodeType);
    }

    static CraftedPlan node(String nodeType) {
        return new CraftedPlan(nodeType);
    }

    /** An analysed node: per-loop time in ms, per-loop rows, loops, and the planner's rows. */
    static CraftedPlan ran(String nodeType, double totalMs, double rows, long loops, double planRows) {
        return node(nodeType).set("Actual Startup Time", 0.0).set("Actual Total Time", totalMs)
                .set("Actual Rows", rows).set("Actual Loops", loops).set("Plan Rows", planRows);
    }

    CraftedPlan set(String key, Object value) {
        if (value instanceof Double d) {
            node.put(key, d);
        } else if (value instanceof Long l) {
            node.put(key, l);
        } else if (value instanceof Integer i) {
            node.put(key, i);
        } else {
            node.put(key, String.valueOf(value));
        }
        return this;
    }

    CraftedPlan on(String relation) {
        return set("Relation Name", relation).set("Alias", relation);
    }

    CraftedPlan children(CraftedPlan... children) {
        ArrayNode plans = node.putArray("Plans");
        for (CraftedPlan child : children) {
            plans.add(child.node);
        }
        return this;
    }

    String json() {
        ArrayNode top = JSON.createArrayNode();
        ObjectNode wrapper = top.addObject();
        wrapper.set("Plan", node);
        return top.toString();
    }

    PlanAnalysis analysis() {
        return PlanAnalysis.of(json());
    }
}
