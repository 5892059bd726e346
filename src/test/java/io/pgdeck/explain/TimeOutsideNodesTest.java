package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Triggers, planning, JIT and the time in no node, on the corpus's real plans. */
class TimeOutsideNodesTest {

    private static final Set<InsightRule> PLAN_LEVEL = EnumSet.of(InsightRule.TRIGGER_TIME, InsightRule.PLANNING_TIME,
            InsightRule.JIT_TIME, InsightRule.TIME_OUTSIDE_NODES);
    /** The plans where time outside the nodes is the story; on every other plan none of these rules speaks. */
    private static final Map<String, InsightRule> EXPECTED = Map.of(
            "delete-fk-trigger", InsightRule.TRIGGER_TIME,
            "insert-row-trigger", InsightRule.TRIGGER_TIME,
            "jit", InsightRule.JIT_TIME,
            "create-table-as", InsightRule.TIME_OUTSIDE_NODES);

    @ParameterizedTest
    @MethodSource("io.pgdeck.explain.PlanCorpus#files")
    void planLevelInsightsOnlyWhereTheTimeIsOutsideTheNodes(String file) {
        Set<InsightRule> fired = PlanAnalysis.of(PlanCorpus.plan(file)).insights().stream().map(Insight::rule)
                .filter(PLAN_LEVEL::contains).collect(Collectors.toSet());
        InsightRule expected = file.equals("partitions-pg18.json") ? InsightRule.PLANNING_TIME
                : EXPECTED.get(PlanCorpus.shape(file));
        assertThat(fired).isEqualTo(expected == null ? Set.of() : Set.of(expected));
    }

    @Test
    void foreignKeyTriggerIsItsOwnRowAndTheInsightAsksForTheIndexOffline() {
        PlanAnalysis a = PlanAnalysis.of(PlanCorpus.plan("delete-fk-trigger-pg13.json"));
        assertThat(a.triggers()).containsExactly(new TriggerTime("RI_ConstraintTrigger_a_16423",
                "orders_customer_id_fkey", "customers", 1398.66, 20));
        assertThat(a.totalMs()).isEqualTo(1398.857);
        assertThat(a.outsideNodesMs()).isCloseTo(1398.857 - 0.133, within(1e-9));
        assertThat(a.figures(0).share()).isLessThan(0.001); // the DELETE itself: 0.133 ms
        Insight trigger = a.insights().get(0);
        assertThat(trigger.rule()).isEqualTo(InsightRule.TRIGGER_TIME);
        assertThat(trigger.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(trigger.title()).isEqualTo(
                "Trigger of foreign key orders_customer_id_fkey on customers takes 1399 of 1399 ms (20 calls)");
        assertThat(trigger.explanation()).contains("(69.933 ms per call)",
                "Check for an index on the referencing columns of orders_customer_id_fkey");
    }

    @Test
    void eachTriggerOfAnInsertIsARowAndTheBeforeTriggerStaysInModifyTable() {
        PlanAnalysis a = PlanAnalysis.of(PlanCorpus.plan("insert-row-trigger-pg17.json"));
        assertThat(a.triggers()).extracting(TriggerTime::name, TriggerTime::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple("RI_ConstraintTrigger_c_16421", 2000L),
                org.assertj.core.groups.Tuple.tuple("orders_audit", 2000L));
        // orders_audit (BEFORE, 33.063 ms) ran inside ModifyTable's 80.161 ms; the FK check (AFTER) in no node
        assertThat(a.outsideNodesMs()).isCloseTo(118.028 - 80.161, within(1e-9));
        assertThat(a.outsideNodesMs()).isCloseTo(37.669, within(0.5));
        Insight trigger = a.insights().stream().filter(i -> i.rule() == InsightRule.TRIGGER_TIME).findFirst().orElseThrow();
        assertThat(trigger.title()).startsWith("Trigger of foreign key orders_customer_id_fkey on orders takes 37.67 of");
        assertThat(trigger.explanation()).contains("checks that its key exists");
    }

    @Test
    void jitIsReadWithItsPhases() {
        Plan plan = PlanCorpus.plan("jit-pg15.json");
        assertThat(plan.jit()).isEqualTo(new JitTime(8, 0.713, 262.183, 116.902, 115.767, 495.566));
        Insight jit = PlanAnalysis.of(plan).insights().stream().filter(i -> i.rule() == InsightRule.JIT_TIME)
                .findFirst().orElseThrow();
        assertThat(jit.title()).isEqualTo("JIT compilation takes 496 of 1228 ms");
        assertThat(jit.explanation()).contains("compiled 8 functions", "inlining 262 ms", "jit_above_cost");
    }

    @Test
    void planningOfManyPartitions() {
        Insight planning = PlanAnalysis.of(PlanCorpus.plan("partitions-pg18.json")).insights().stream()
                .filter(i -> i.rule() == InsightRule.PLANNING_TIME).findFirst().orElseThrow();
        assertThat(planning.title()).isEqualTo("Planning takes 20.67 of 58.40 ms");
        assertThat(planning.explanation()).contains("scans 120 relations", "partition key");
    }

    @Test
    void rowsWrittenByCreateTableAsAreInNoNode() {
        PlanAnalysis a = PlanAnalysis.of(PlanCorpus.plan("create-table-as-pg17.json"));
        assertThat(a.outsideNodesMs()).isCloseTo(487.730 - 125.311, within(1e-9));
        assertThat(a.insights()).anySatisfy(i -> assertThat(i.title())
                .isEqualTo("362 of the 488 ms execution is in no plan node"));
    }

    @Test
    void postgres18FractionalRowsAreRead() {
        // 16 loops of the recursive step averaging 3124.94 rows: PostgreSQL 18 prints the average unrounded
        PlanNode join = PlanCorpus.plan("cte-recursive-pg18.json").nodes().stream()
                .filter(n -> n.nodeType().equals("Hash Join")).findFirst().orElseThrow();
        assertThat(join.timing().rows()).isEqualTo(3124.94);
        assertThat(join.timing().rows() * join.timing().loops()).isCloseTo(49999, within(1.0));
    }
}
