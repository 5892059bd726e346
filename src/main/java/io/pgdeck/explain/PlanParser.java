package io.pgdeck.explain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private PlanParser() {}

    public static Plan parse(String json) {
        if (json == null || json.isBlank()) {
            throw new PlanFormatException("There is no plan to read: paste the output of EXPLAIN (FORMAT JSON).", null);
        }
        try {
            return read(json, json);
        } catch (JsonProcessingException first) {
            try {
                return read(PsqlOutput.json(json), json);
            } catch (JsonProcessingException e) {
                throw new PlanFormatException("This is not an EXPLAIN plan in JSON (" + first.getOriginalMessage()
                        + "): run EXPLAIN (FORMAT JSON) and paste its whole output.", first);
            }
        }
    }

    /**
     * Streams through the text instead of building a Jackson tree first: a 5,000-node plan is
     * megabytes of JSON, and the tree would be thrown away right after.
     */
    private static Plan read(String text, String original) throws JsonProcessingException {
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_ARRAY) {
                token = p.nextToken();
            }
            if (token != JsonToken.START_OBJECT) {
                throw notAPlan();
            }
            Top top = new Top();
            int[] ids = {1}; // 0 is the root's, whether it comes wrapped in "Plan" or bare
            Map<String, Object> bare = new LinkedHashMap<>();
            Fields fields = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                switch (key) {
                    case "Plan" -> {
                        ids[0] = 0;
                        top.root = node(p, ids);
                    }
                    case "Planning Time" -> top.planning = p.getValueAsDouble();
                    case "Execution Time" -> top.execution = p.getValueAsDouble();
                    case "Settings" -> JSON.<JsonNode>readTree(p).fields().forEachRemaining(
                            e -> top.settings.put(e.getKey(), e.getValue().asText()));
                    case "Triggers" -> JSON.<JsonNode>readTree(p).forEach(t -> top.triggers.add(new TriggerTime(
                            t.path("Trigger Name").asText("trigger"), t.path("Constraint Name").textValue(),
                            t.path("Relation").textValue(), t.path("Time").asDouble(), t.path("Calls").asLong())));
                    case "JIT" -> top.jit = jit(JSON.readTree(p));
                    default -> fields.take(key, value, p, ids, bare); // a bare node pasted without its wrapper
                }
            }
            if (top.root == null && fields.nodeType != null) {
                top.root = fields.build(0, bare);
            }
            if (top.root == null) {
                throw notAPlan();
            }
            return new Plan(top.root, top.planning, top.execution, top.settings, top.triggers, top.jit, original);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PlanFormatException notAPlan() {
        return new PlanFormatException("This JSON is not an EXPLAIN plan: it has no \"Plan\" with a \"Node Type\".", null);
    }

    /** Reads one node object, the parser on its START_OBJECT; children are numbered depth first. */
    private static PlanNode node(JsonParser p, int[] ids) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw notAPlan();
        }
        int id = ids[0]++;
        Fields fields = new Fields();
        Map<String, Object> properties = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            fields.take(key, value, p, ids, properties);
        }
        if (fields.nodeType == null) {
            throw notAPlan();
        }
        return fields.build(id, properties);
    }

    private static final class Top {
        PlanNode root;
        Double planning;
        Double execution;
        final Map<String, String> settings = new LinkedHashMap<>();
        final List<TriggerTime> triggers = new ArrayList<>();
        JitTime jit;
    }

    /**
     * JIT's figures; under ANALYZE "Timing" holds a figure per phase. From PostgreSQL 17 on
     * "Generation" is an object of its own (Deform and Total) where 13-16 print one number.
     */
    private static JitTime jit(JsonNode jit) {
        JsonNode t = jit.path("Timing");
        JsonNode generation = t.path("Generation");
        double generationMs = generation.isObject() ? generation.path("Total").asDouble() : generation.asDouble();
        return new JitTime(jit.path("Functions").asLong(), generationMs, t.path("Inlining").asDouble(),
                t.path("Optimization").asDouble(), t.path("Emission").asDouble(), t.path("Total").asDouble());
    }

    /** The typed fields of one node as they stream by; everything else goes to its properties. */
    private static final class Fields {
        String nodeType;
        String relation;
        String schema;
        String alias;
        String index;
        double startupCost;
        double totalCost;
        double planRows;
        int planWidth;
        boolean analyzed;
        double actualStartup;
        double actualTotal;
        double actualRows;
        long loops;
        final long[] blocks = new long[8];
        final List<PlanNode> children = new ArrayList<>();

        void take(String key, JsonToken value, JsonParser p, int[] ids, Map<String, Object> properties)
                throws java.io.IOException {
            switch (key) {
                case "Node Type" -> nodeType = p.getValueAsString();
                case "Relation Name" -> relation = p.getValueAsString();
                case "Schema" -> schema = p.getValueAsString();
                case "Alias" -> alias = p.getValueAsString();
                case "Index Name" -> index = p.getValueAsString();
                case "Startup Cost" -> startupCost = p.getValueAsDouble();
                case "Total Cost" -> totalCost = p.getValueAsDouble();
                case "Plan Rows" -> planRows = p.getValueAsDouble();
                case "Plan Width" -> planWidth = p.getValueAsInt();
                case "Actual Startup Time" -> actualStartup = p.getValueAsDouble();
                case "Actual Total Time" -> actualTotal = p.getValueAsDouble();
                case "Actual Rows" -> actualRows = p.getValueAsDouble();
                case "Actual Loops" -> {
                    analyzed = true;
                    loops = p.getValueAsLong();
                }
                case "Shared Hit Blocks" -> blocks[0] = p.getValueAsLong();
                case "Shared Read Blocks" -> blocks[1] = p.getValueAsLong();
                case "Shared Dirtied Blocks" -> blocks[2] = p.getValueAsLong();
                case "Shared Written Blocks" -> blocks[3] = p.getValueAsLong();
                case "Local Hit Blocks" -> blocks[4] = p.getValueAsLong();
                case "Local Read Blocks" -> blocks[5] = p.getValueAsLong();
                case "Temp Read Blocks" -> blocks[6] = p.getValueAsLong();
                case "Temp Written Blocks" -> blocks[7] = p.getValueAsLong();
                case "Plans" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            children.add(node(p, ids));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> properties.put(key, value(value, p));
            }
        }

        PlanNode build(int id, Map<String, Object> properties) {
            Timing timing = analyzed ? new Timing(actualStartup, actualTotal, actualRows, loops) : null;
            Buffers buffers = new Buffers(blocks[0], blocks[1], blocks[2], blocks[3], blocks[4], blocks[5], blocks[6],
                    blocks[7]);
            return new PlanNode(id, nodeType, relation, schema, alias, index,
                    new Estimate(startupCost, totalCost, planRows, planWidth), timing, buffers, properties, children);
        }
    }

    /** Numbers stay numbers, text stays text, lists of scalars become "a, b", anything else its JSON text. */
    private static Object value(JsonToken token, JsonParser p) throws java.io.IOException {
        switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE, VALUE_FALSE:
                return p.getBooleanValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_NULL:
                return "null";
            default:
                JsonNode tree = JSON.readTree(p);
                if (tree.isArray() && allScalars(tree)) {
                    List<String> items = new ArrayList<>();
                    tree.forEach(item -> items.add(item.asText()));
                    return String.join(", ", items);
                }
                return tree.toString();
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

}
