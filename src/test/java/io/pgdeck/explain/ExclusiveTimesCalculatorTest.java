package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second calculator, written another way: from the JSON tree as Jackson reads it, for named
 * nodes of each shape, the exclusive time spelled out as a DBA would work it out by hand, with the
 * process count taken from the settings the shape ran with (not from the loops PlanAnalysis reads).
 */
class ExclusiveTimesCalculatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("io.pgdeck.explain.PlanCorpus#files")
    void namedNodesGetTheCalculatorsTimes(String file) throws Exception {
        JsonNode root = JSON.readTree(PlanCorpus.read(file)).get(0).get("Plan");
        List<JsonNode> all = new ArrayList<>();
        flatten(root, all);
        PlanAnalysis a = PlanAnalysis.of(PlanCorpus.plan(file));
        Expect expect = new Expect(a, all);
        switch (PlanCorpus.shape(file)) {
            case "cte-once" -> {
                JsonNode scan = one(all, type("CTE Scan"));
                expect.own(scan, ms(scan) - ms(one(all, subplan("CTE x"))));
                expect.own(root, ms(root) - ms(scan));
            }
            case "cte-twice" -> {
                List<JsonNode> scans = all.stream().filter(type("CTE Scan")).toList();
                assertThat(scans).hasSize(2);
                double cte = ms(one(all, subplan("CTE x")));
                double both = ms(scans.get(0)) + ms(scans.get(1));
                for (JsonNode scan : scans) {
                    expect.own(scan, ms(scan) - cte * ms(scan) / both);
                }
            }
            case "cte-recursive" -> {
                JsonNode scan = one(all, type("CTE Scan"));
                expect.own(scan, ms(scan) - ms(one(all, subplan("CTE t"))));
                expect.own(one(all, type("WorkTable Scan")), ms(one(all, type("WorkTable Scan"))));
                expect.own(root, ms(root) - ms(scan));
            }
            case "initplan-filter" -> {
                JsonNode scan = one(all, n -> n.has("Filter") && n.path("Filter").asText().contains("amount >"));
                expect.own(scan, ms(scan) - ms(one(all, initPlan())));
                expect.own(root, ms(root) - ms(scan)); // the InitPlan hangs from the root, but ran in the scan
            }
            case "initplan-index-cond" -> {
                // the outer InitPlan ("max(created) - 3") hangs from the join and runs in the index scan
                JsonNode initPlan = root.get("Plans").get(0);
                assertThat(initPlan.path("Parent Relationship").asText()).isEqualTo("InitPlan");
                JsonNode user = one(all, n -> n.path("Index Cond").asText().contains("created ="));
                expect.own(user, ms(user) - children(user) - ms(initPlan));
                expect.own(root, ms(root) - children(root) + ms(initPlan));
            }
            case "initplan-one-time-filter" -> expect.own(root, ms(root) - children(root));
            case "initplan-gather" -> {
                JsonNode gather = root.get("Plans").get(1);
                assertThat(gather.path("Node Type").asText()).isEqualTo("Gather");
                double processes = gather.path("Workers Launched").asDouble() + 1; // leader takes part by default
                expect.own(gather, ms(gather) - ms(gather.get("Plans").get(0)) / processes
                        - ms(one(all, initPlan().and(n -> n != gather))));
                expect.own(root, ms(root) - ms(gather));
            }
            case "subplan-select", "subplan-where", "subplan-hashed" -> {
                JsonNode caller = one(all, n -> n.has("Plans") && childWith(n, "SubPlan"));
                expect.own(caller, ms(caller) - children(caller));
            }
            case "parallel-leader-on", "parallel-hash-join" -> expect.gather(root, all, 1);
            case "parallel-leader-off", "gather-merge-leader-off" -> expect.gather(root, all, 0);
            case "single-copy-gather" -> {
                JsonNode gather = one(all, type("Gather"));
                assertThat(gather.path("Single Copy").asBoolean()).isTrue();
                expect.own(gather, ms(gather) - ms(gather.get("Plans").get(0)));
            }
            case "delete-fk-trigger" -> {
                expect.own(root, ms(root) - children(root));
                double trigger = a.triggers().get(0).ms();
                assertThat(a.outsideNodesMs()).isGreaterThanOrEqualTo(trigger * 0.99);
            }
            case "nested-loop", "memoize" -> {
                JsonNode inner = all.stream().filter(n -> n.path("Actual Loops").asLong() >= 10_000).findFirst().orElseThrow();
                expect.own(inner, ms(inner) - children(inner));
                assertThat(a.figures(all.indexOf(inner)).approximate()).isTrue();
            }
            default -> {
                // no sub-plans, no Gather: every node is its time less its children's
                for (JsonNode n : all) {
                    expect.own(n, ms(n) - children(n));
                }
            }
        }
    }

    /** A node's whole time: the per-loop average times the loops. */
    private static double ms(JsonNode n) {
        return n.path("Actual Total Time").asDouble() * n.path("Actual Loops").asDouble();
    }

    private static double children(JsonNode n) {
        double sum = 0;
        for (JsonNode c : n.path("Plans")) {
            sum += ms(c);
        }
        return sum;
    }

    private static boolean childWith(JsonNode n, String relationship) {
        for (JsonNode c : n.path("Plans")) {
            if (relationship.equals(c.path("Parent Relationship").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void flatten(JsonNode n, List<JsonNode> into) {
        into.add(n);
        n.path("Plans").forEach(c -> flatten(c, into));
    }

    private static Predicate<JsonNode> type(String nodeType) {
        return n -> nodeType.equals(n.path("Node Type").asText());
    }

    private static Predicate<JsonNode> subplan(String name) {
        return n -> name.equals(n.path("Subplan Name").asText());
    }

    private static Predicate<JsonNode> initPlan() {
        return n -> n.path("Subplan Name").asText().startsWith("InitPlan");
    }

    private static JsonNode one(List<JsonNode> all, Predicate<JsonNode> which) {
        List<JsonNode> found = all.stream().filter(which).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Nodes are numbered depth first in PlanAnalysis as in the JSON: the position in the flat list is the id. */
    private record Expect(PlanAnalysis a, List<JsonNode> all) {

        void own(JsonNode n, double expectedMs) {
            assertThat(a.figures(all.indexOf(n)).exclusiveMs()).as("own time of %s", n.path("Node Type").asText())
                    .isCloseTo(Math.max(0, expectedMs), within(1e-6 + Math.abs(expectedMs) * 1e-9));
        }

        /** The Gather's own time: its time less its child's, the child's shared by the workers and the leader if it took part. */
        void gather(JsonNode root, List<JsonNode> all, int leader) {
            JsonNode gather = all.stream().filter(n -> n.path("Node Type").asText().startsWith("Gather")).findFirst()
                    .orElseThrow();
            double processes = gather.path("Workers Launched").asDouble() + leader;
            JsonNode child = gather.get("Plans").get(0);
            own(gather, ms(gather) - ms(child) / processes);
            for (JsonNode below : child.path("Plans")) {
                own(child, ms(child) / processes - children(child) / processes);
                break;
            }
        }
    }
}
