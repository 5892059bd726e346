package io.pgdeck.explain;

import static io.pgdeck.explain.CraftedPlan.ran;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on a crafted plan made to trigger it, at each of its thresholds, and silent on a clean plan. */
class InsightRuleTest {

    private static List<Insight> insights(CraftedPlan plan, InsightRule rule) {
        return plan.analysis().insights().stream().filter(i -> i.rule() == rule).toList();
    }

    /** A fast primary-key lookup under a limit: nothing to say about it. */
    static CraftedPlan clean() {
        return ran("Limit", 0.04, 1, 1, 1).children(ran("Index Scan", 0.03, 1, 1, 1).on("orders")
                .set("Index Name", "orders_pkey").set("Index Cond", "(id = 42)"));
    }

    @Test
    void cleanPlanHasNoInsights() {
        assertThat(clean().analysis().insights()).isEmpty();
    }

    @Test
    void misestimateAtTenHundredAndThousandTimes() {
        assertThat(insights(ran("Seq Scan", 1, 90, 1, 10).on("t"), InsightRule.MISESTIMATE)).isEmpty();
        assertThat(insights(ran("Seq Scan", 1, 100, 1, 10).on("t"), InsightRule.MISESTIMATE))
                .singleElement().satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(Severity.INFO);
                    assertThat(i.title()).isEqualTo("Rows underestimated 10× on Seq Scan on t");
                });
        assertThat(insights(ran("Seq Scan", 1, 1, 1, 100).on("t"), InsightRule.MISESTIMATE))
                .singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.WARNING));
        assertThat(insights(ran("Seq Scan", 1, 20000, 1, 10).on("t"), InsightRule.MISESTIMATE))
                .singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.CRITICAL));
    }

    /** Synthetic: the weighing is arithmetic on two figures, whichever plan they come from. */
    @Test
    void aThousandTimesOffOnANodeThatCostsNothingIsNoCriticalMisestimate() {
        CraftedPlan plan = ran("Aggregate", 100, 1, 1, 1).children(
                ran("Seq Scan", 99, 100_000, 1, 100_000).on("big"),
                ran("Seq Scan", 0.01, 2000, 1, 1).on("settings"));
        assertThat(insights(plan, InsightRule.MISESTIMATE)).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Rows underestimated 2,000× on Seq Scan on settings");
            assertThat(i.severity()).isEqualTo(Severity.INFO);
        });
        CraftedPlan feedingAJoin = ran("Hash Join", 100, 1, 1, 1).children(
                ran("Seq Scan", 60, 100_000, 1, 100_000).on("big"),
                ran("Hash", 0.01, 2000, 1, 1).children(ran("Seq Scan", 0.01, 2000, 1, 1).on("settings")));
        assertThat(insights(feedingAJoin, InsightRule.MISESTIMATE)).filteredOn(i -> i.nodeId() == 3).singleElement()
                .satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void slowNodeAtTenFortyAndNinetyPercent() {
        CraftedPlan plan = ran("Hash Join", 100, 10, 1, 10).children(
                ran("Seq Scan", 50, 10, 1, 10).on("big"),     // 50 %
                ran("Seq Scan", 15, 10, 1, 10).on("middle"),  // 15 %
                ran("Seq Scan", 5, 10, 1, 10).on("small"));   // 5 %, and the join 30 %
        List<Insight> found = insights(plan, InsightRule.SLOW_NODE);
        assertThat(found).extracting(Insight::nodeId, Insight::severity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(1, Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple(2, Severity.INFO),
                org.assertj.core.groups.Tuple.tuple(0, Severity.INFO));
        assertThat(insights(ran("Sort", 100, 10, 1, 10).children(ran("Seq Scan", 95, 10, 1, 10).on("t")),
                InsightRule.SLOW_NODE)).singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.CRITICAL));
    }

    @Test
    void filterWasteOverHalfAndOverNinetyPercent() {
        assertThat(insights(ran("Seq Scan", 1, 600, 1, 600).on("t").set("Filter", "(a = 1)")
                .set("Rows Removed by Filter", 400), InsightRule.FILTER_WASTE)).isEmpty();
        assertThat(insights(ran("Seq Scan", 1, 400, 1, 400).on("t").set("Filter", "(a = 1)")
                .set("Rows Removed by Filter", 600), InsightRule.FILTER_WASTE))
                .singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.INFO));
        assertThat(insights(ran("Seq Scan", 1, 50, 1, 50).on("t").set("Filter", "(a = 1)")
                .set("Rows Removed by Filter", 950), InsightRule.FILTER_WASTE))
                .singleElement().satisfies(i -> assertThat(i.title()).isEqualTo("Filter removes 95% of the rows Seq Scan on t reads"));
    }

    @Test
    void heapFetchesInAnIndexOnlyScan() {
        assertThat(insights(ran("Index Only Scan", 1, 1000, 1, 1000).on("t").set("Heap Fetches", 1000),
                InsightRule.HEAP_FETCHES)).singleElement().satisfies(i -> {
                    assertThat(i.severity()).isEqualTo(Severity.WARNING);
                    assertThat(i.explanation()).contains("VACUUM t");
                });
        assertThat(insights(ran("Index Only Scan", 1, 1000, 1, 1000).on("t").set("Heap Fetches", 0),
                InsightRule.HEAP_FETCHES)).isEmpty();
    }

    @Test
    void sortsAndHashesSpilling() {
        // PostgreSQL 13 sorting 1M integers: 13,720 kB on disk, and it needed 69 MB of work_mem to stay in memory
        assertThat(insights(ran("Sort", 1, 1_000_000, 1, 1_000_000).set("Sort Method", "external merge")
                .set("Sort Space Used", 13720).set("Sort Space Type", "Disk"), InsightRule.SPILL)).singleElement()
                .satisfies(i -> assertThat(i.explanation()).contains("SET work_mem to 86MB"));
        assertThat(insights(ran("Hash", 1, 1, 1, 1).set("Hash Batches", 8).set("Original Hash Batches", 1)
                .set("Peak Memory Usage", 4000), InsightRule.SPILL)).singleElement()
                .satisfies(i -> assertThat(i.title()).startsWith("Hash used 8 batches (planned 1)"));
        assertThat(insights(ran("Hash", 1, 1, 1, 1).set("Hash Batches", 1), InsightRule.SPILL)).isEmpty();
        assertThat(insights(ran("Sort", 1, 1, 1, 1).set("Sort Method", "quicksort").set("Sort Space Type", "Memory"),
                InsightRule.SPILL)).isEmpty();
    }

    @Test
    void fewerWorkersThanPlanned() {
        assertThat(insights(ran("Gather", 1, 1, 1, 1).set("Workers Planned", 4).set("Workers Launched", 1),
                InsightRule.WORKERS_SHORT)).singleElement()
                .satisfies(i -> assertThat(i.title()).isEqualTo("Gather launched 1 of 4 planned workers"));
        assertThat(insights(ran("Gather", 1, 1, 1, 1).set("Workers Planned", 2).set("Workers Launched", 2),
                InsightRule.WORKERS_SHORT)).isEmpty();
    }

    @Test
    void seqScanOfALargeTableUnderASelectiveFilterNamesTheColumns() {
        CraftedPlan scan = ran("Seq Scan", 40, 12, 1, 10).on("tickets").set("Schema", "insightdesk")
                .set("Filter", "((status = 'OPEN; or not'::text) AND (\"organizationId\" = 3))")
                .set("Rows Removed by Filter", 49_988);
        assertThat(insights(scan, InsightRule.SEQ_SCAN_NEEDS_INDEX)).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Sequential scan of insightdesk.tickets keeps 12 of 50,000 rows");
            assertThat(i.explanation()).contains(
                    "CREATE INDEX CONCURRENTLY ON insightdesk.tickets (status, \"organizationId\")");
        });
        CraftedPlan small = ran("Seq Scan", 1, 12, 1, 10).on("t").set("Filter", "(a = 1)").set("Rows Removed by Filter", 988);
        assertThat(insights(small, InsightRule.SEQ_SCAN_NEEDS_INDEX)).isEmpty();
        CraftedPlan unselective = ran("Seq Scan", 1, 30_000, 1, 30_000).on("t").set("Filter", "(a > 1)")
                .set("Rows Removed by Filter", 20_000);
        assertThat(insights(unselective, InsightRule.SEQ_SCAN_NEEDS_INDEX)).isEmpty();
    }

    /** A DELETE without RETURNING returns no rows whatever it deletes: that is no misestimate. */
    @Test
    void modifyTableReturningNothingIsNoMisestimate() {
        for (String file : List.of("delete-fk-trigger-pg13.json", "delete-fk-trigger-pg17.json")) {
            PlanAnalysis a = PlanAnalysis.of(PlanCorpus.plan(file));
            assertThat(a.plan().root().nodeType()).isEqualTo("ModifyTable");
            assertThat(a.insights()).noneMatch(i -> i.rule() == InsightRule.MISESTIMATE && i.nodeId() == 0);
        }
    }
}
