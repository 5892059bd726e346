package io.pgdeck.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a plan. The fields every screen shows are typed; everything else EXPLAIN said of
 * the node (conditions, sort keys, hash figures, per-worker details...) stays in
 * {@link #properties} as scalars or text, in EXPLAIN's order, so nothing is lost.
 *
 * @param id      the node's number in depth-first order, 0 for the root
 * @param timing  null when the plan was not run (no ANALYZE)
 */
public record PlanNode(int id, String nodeType, String relation, String schema, String alias, String index,
                       Estimate estimate, Timing timing, Buffers buffers, Map<String, Object> properties,
                       List<PlanNode> children) {

    public PlanNode {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        children = List.copyOf(children);
    }

    /** "Seq Scan on orders o", "Index Scan using orders_pkey on orders", "Hash Join". */
    public String label() {
        StringBuilder b = new StringBuilder(nodeType);
        if (index != null) {
            b.append(" using ").append(index);
        }
        if (relation != null) {
            b.append(" on ").append(schema != null ? schema + "." + relation : relation);
            if (alias != null && !alias.equals(relation)) {
                b.append(' ').append(alias);
            }
        } else if (text("CTE Name") != null) {
            b.append(" on ").append(text("CTE Name"));
        } else if (text("Function Name") != null) {
            b.append(" on ").append(text("Function Name"));
        }
        String subplan = text("Subplan Name");
        return subplan != null ? subplan + ": " + b : b.toString();
    }

    public String text(String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }

    /** A numeric property, or 0 when EXPLAIN did not report it. */
    public double number(String key) {
        Object value = properties.get(key);
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    public boolean has(String key) {
        return properties.containsKey(key);
    }

    public boolean analyzed() {
        return timing != null;
    }
}
