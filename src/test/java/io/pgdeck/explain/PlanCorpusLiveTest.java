package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus made again, here and now, on the embedded servers: every shape's plan has the shape
 * (the node that makes it what it is) and keeps the invariant; the foreign key trigger's insight
 * names the missing index once the server was asked, and stops asking for it once it exists.
 */
class PlanCorpusLiveTest {

    private static final ClassDatabases DB = new ClassDatabases(PlanCorpus.setup().toArray(String[]::new));

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void everyShapeKeepsTheInvariant(TestPostgres pg) throws Exception {
        int major = pg == TestPostgres.OLDEST ? 13 : 17;
        for (String shape : PlanCorpus.shapes()) {
            if (shape.equals("jit") || (shape.equals("memoize") && major < 14)) {
                continue; // no LLVM in the zonky builds; Memoize came in 14
            }
            Plan plan = PlanParser.parse(explain(pg, shape, major));
            assertThat(plan.nodes()).as(shape).anySatisfy(n -> assertThat(marks(shape, n)).isTrue());
            ExecutionTimeInvariantTest.holds(plan, shape);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void foreignKeyTriggerNamesTheIndexItLacks(TestPostgres pg) throws Exception {
        ExplainRunner runner = new ExplainRunner(DB.target(pg), Duration.ofSeconds(60));
        ExplainRequest delete = runner.prepare(PlanCorpus.statement("delete-fk-trigger"), ExplainOptions.analyzeWithBuffers());
        Insight slow = trigger(runner.run(delete, true).analysis());
        assertThat(slow.title()).startsWith("Trigger of foreign key orders_customer_id_fkey on customers takes");
        assertThat(slow.explanation()).contains("orders has no index starting with (customer_id)",
                "CREATE INDEX CONCURRENTLY ON orders (customer_id)");

        pg.execute(DB.name(pg), "CREATE INDEX orders_customer ON orders (customer_id)");
        try {
            PlanAnalysis indexed = runner.run(delete, true).analysis();
            assertThat(indexed.triggers()).singleElement().satisfies(t -> assertThat(t.calls()).isEqualTo(20));
            assertThat(indexed.insights()).noneMatch(i -> i.rule() == InsightRule.TRIGGER_TIME
                    && i.explanation().contains("CREATE INDEX"));
        } finally {
            pg.execute(DB.name(pg), "DROP INDEX orders_customer");
        }
    }

    private static Insight trigger(PlanAnalysis a) {
        return a.insights().stream().filter(i -> i.rule() == InsightRule.TRIGGER_TIME).findFirst().orElseThrow();
    }

    /** The node without which the plan would not be of its shape. */
    private static boolean marks(String shape, PlanNode n) {
        return switch (shape) {
            case "cte-once", "cte-twice" -> n.nodeType().equals("CTE Scan");
            case "cte-recursive" -> n.nodeType().equals("WorkTable Scan");
            case "initplan-filter", "initplan-index-cond", "initplan-one-time-filter", "initplan-gather" ->
                    String.valueOf(n.text("Subplan Name")).startsWith("InitPlan");
            case "subplan-select", "subplan-where", "subplan-hashed" -> "SubPlan".equals(n.text("Parent Relationship"));
            case "parallel-leader-on", "parallel-leader-off", "parallel-hash-join" -> n.nodeType().equals("Gather");
            case "gather-merge-leader-off" -> n.nodeType().equals("Gather Merge");
            case "single-copy-gather" -> Boolean.TRUE.equals(n.properties().get("Single Copy"));
            case "nested-loop" -> n.analyzed() && n.timing().loops() >= 10_000;
            case "memoize" -> n.nodeType().equals("Memoize");
            case "partitions" -> n.nodeType().equals("Append") && n.children().size() >= 100;
            case "delete-fk-trigger", "insert-row-trigger" -> n.nodeType().equals("ModifyTable");
            case "incremental-sort" -> n.nodeType().equals("Incremental Sort");
            case "merge-join" -> n.nodeType().equals("Merge Join");
            case "hash-join-spill" -> n.number("Hash Batches") > 1;
            case "window" -> n.nodeType().equals("WindowAgg");
            case "limit-early" -> n.nodeType().equals("Limit");
            case "create-table-as" -> n.id() == 0 && n.nodeType().equals("Seq Scan");
            case "exists-semi" -> String.valueOf(n.text("Join Type")).equals("Semi");
            default -> throw new IllegalArgumentException("a shape this test does not know: " + shape);
        };
    }

    private static String explain(TestPostgres pg, String shape, int major) throws Exception {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                for (String setting : PlanCorpus.settings(shape, major)) {
                    st.execute(setting);
                }
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT JSON) "
                        + PlanCorpus.statement(shape))) {
                    rs.next();
                    return rs.getString(1);
                }
            } finally {
                c.rollback();
            }
        }
    }
}
