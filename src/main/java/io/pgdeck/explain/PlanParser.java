package io.pgdeck.explain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EXPLAIN (FORMAT JSON) to a {@link Plan}. Tolerant of what it may be handed: with or without
 * ANALYZE, BUFFERS, VERBOSE or SETTINGS; the whole {@code [ { "Plan": ... } ]} array, one element
 * of it, or a bare node; psql's aligned output with its {@code +} line ends; keys of any
 * PostgreSQL version from 13 on (a missing key is a missing figure, never an error).
 */
public final class PlanParser {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            // plans nest two JSON levels per plan level; deep join trees exceed Jackson's default of 1000
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20_000).build())
            .build());
    private static final Pattern PSQL_LINE_END = Pattern.compile("\\s*\\+\\s*$", Pattern.MULTILINE);
    private static final Set<String> TYPED = Set.of("Node Type", "Relation Name", "Schema", "Alias", "Index Name",
            "Startup Cost", "Total Cost", "Plan Rows", "Plan Width", "Actual Startup Time", "Actual Total Time",
            "Actual Rows", "Actual Loops", "Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks",
            "Shared Written Blocks", "Local Hit Blocks", "Local Read Blocks", "Temp Read Blocks", "Temp Written Blocks",
            "Plans");

    private PlanParser() {}

    public static Plan parse(String json) {
        JsonNode tree = read(json);
        JsonNode top = tree.isArray() ? tree.path(0) : tree;
        JsonNode root = top.has("Plan") ? top.get("Plan") : top;
        if (!root.isObject() || !root.has("Node Type")) {
            throw new PlanFormatException("This JSON is not an EXPLAIN plan: it has no \"Plan\" with a \"Node Type\".", null);
        }
        int[] ids = {0};
        PlanNode node = node(root, ids);
        Map<String, String> settings = new LinkedHashMap<>();
        top.path("Settings").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        Map<String, Double> triggers = new LinkedHashMap<>();
        top.path("Triggers").forEach(t -> triggers.merge(t.path("Trigger Name").asText("trigger"),
                t.path("Time").asDouble(), Double::sum));
        return new Plan(node, number(top, "Planning Time"), number(top, "Execution Time"), settings, triggers, json);
    }

    private static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            throw new PlanFormatException("There is no plan to read: paste the output of EXPLAIN (FORMAT JSON).", null);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException first) {
            String fromPsql = fromPsqlOutput(text);
            try {
                return JSON.readTree(fromPsql);
            } catch (JsonProcessingException e) {
                throw new PlanFormatException("This is not an EXPLAIN plan in JSON (" + first.getOriginalMessage()
                        + "): run EXPLAIN (FORMAT JSON) and paste its whole output.", first);
            }
        }
    }

    /** psql prints a JSON plan with a "QUERY PLAN" header, "+" at each line end and "(1 row)". */
    private static String fromPsqlOutput(String text) {
        int start = text.indexOf('[');
        int end = text.lastIndexOf(']');
        String body = start >= 0 && end > start ? text.substring(start, end + 1) : text;
        return PSQL_LINE_END.matcher(body).replaceAll("");
    }

    private static PlanNode node(JsonNode n, int[] ids) {
        int id = ids[0]++;
        Map<String, Object> properties = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> {
            if (!TYPED.contains(e.getKey())) {
                properties.put(e.getKey(), value(e.getValue()));
            }
        });
        Estimate estimate = new Estimate(n.path("Startup Cost").asDouble(), n.path("Total Cost").asDouble(),
                n.path("Plan Rows").asDouble(), n.path("Plan Width").asInt());
        Timing timing = n.has("Actual Loops") ? new Timing(n.path("Actual Startup Time").asDouble(),
                n.path("Actual Total Time").asDouble(), n.path("Actual Rows").asDouble(),
                n.path("Actual Loops").asLong()) : null;
        Buffers buffers = new Buffers(n.path("Shared Hit Blocks").asLong(), n.path("Shared Read Blocks").asLong(),
                n.path("Shared Dirtied Blocks").asLong(), n.path("Shared Written Blocks").asLong(),
                n.path("Local Hit Blocks").asLong(), n.path("Local Read Blocks").asLong(),
                n.path("Temp Read Blocks").asLong(), n.path("Temp Written Blocks").asLong());
        List<PlanNode> children = new ArrayList<>();
        n.path("Plans").forEach(child -> children.add(node(child, ids)));
        return new PlanNode(id, n.path("Node Type").asText(), text(n, "Relation Name"), text(n, "Schema"),
                text(n, "Alias"), text(n, "Index Name"), estimate, timing, buffers, properties, children);
    }

    /** Numbers stay numbers, lists of scalars become "a, b", anything else its JSON text. */
    private static Object value(JsonNode v) {
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray() && allScalars(v)) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(item.asText()));
            return String.join(", ", items);
        }
        return v.toString();
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
