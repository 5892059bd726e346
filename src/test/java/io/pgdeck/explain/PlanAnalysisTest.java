package io.pgdeck.explain;

import static io.pgdeck.explain.CraftedPlan.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PlanAnalysisTest {

    @Test
    void exclusiveTimeCountsLoopsAndSubtractsChildren() {
        // 100 outer rows, each probing the index: 100 loops of 0.5 ms = 50 ms inside the 80 ms join
        PlanAnalysis a = ran("Nested Loop", 80, 100, 1, 100).children(
                ran("Seq Scan", 20, 100, 1, 100).on("orders"),
                ran("Index Scan", 0.5, 1, 100, 1).on("customers").set("Index Name", "customers_pkey")).analysis();
        assertThat(a.figures(1).inclusiveMs()).isCloseTo(20, within(1e-9));
        assertThat(a.figures(2).inclusiveMs()).isCloseTo(50, within(1e-9));
        assertThat(a.figures(0).exclusiveMs()).isCloseTo(10, within(1e-9));
        assertThat(a.totalMs()).isCloseTo(80, within(1e-9));
        assertThat(a.figures(2).share()).isCloseTo(50.0 / 80, within(1e-9));
        assertThat(a.byExclusiveTime().get(0).label()).isEqualTo("Index Scan using customers_pkey on customers");
    }

    @Test
    void parallelNodesAreDividedAmongTheProcesses() {
        // 2 workers + leader each scan for 90 ms: 270 ms of work, 90 ms of wall-clock
        PlanAnalysis a = ran("Gather", 100, 3000, 1, 3000).set("Workers Planned", 2).set("Workers Launched", 2)
                .children(ran("Seq Scan", 90, 1000, 3, 1000).on("events")).analysis();
        assertThat(a.figures(1).inclusiveMs()).isCloseTo(90, within(1e-9));
        assertThat(a.figures(0).exclusiveMs()).isCloseTo(10, within(1e-9));
    }

    @Test
    void misestimateEitherWay() {
        PlanAnalysis a = ran("Hash Join", 10, 5000, 1, 5).children(ran("Seq Scan", 1, 2, 1, 400).on("t")).analysis();
        assertThat(a.figures(0).misestimate()).isCloseTo(1000, within(1e-9));
        assertThat(a.figures(0).underestimated()).isTrue();
        assertThat(a.figures(1).misestimate()).isCloseTo(200, within(1e-9));
        assertThat(a.figures(1).underestimated()).isFalse();
    }

    @Test
    void planWithoutAnalyzeHasNoTimesAndNoMisestimates() {
        PlanAnalysis a = CraftedPlan.node("Seq Scan").on("t").set("Plan Rows", 100.0).analysis();
        assertThat(a.plan().analyzed()).isFalse();
        assertThat(a.totalMs()).isZero();
        assertThat(a.figures(0).misestimate()).isNaN();
        assertThat(a.insights()).isEmpty();
    }

    @Test
    void neverExecutedNodeIsNoMisestimate() {
        PlanAnalysis a = ran("Append", 1, 0, 1, 1).children(ran("Seq Scan", 0, 0, 0, 5000).on("t")).analysis();
        assertThat(a.figures(1).misestimate()).isNaN();
    }
}
