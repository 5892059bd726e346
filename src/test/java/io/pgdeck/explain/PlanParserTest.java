package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser on what each server really prints, with and without ANALYZE, and on what users paste. */
class PlanParserTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE customers (id int PRIMARY KEY, name text)",
            "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric)",
            "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 500) g",
            "INSERT INTO orders SELECT g, g % 500 + 1, g FROM generate_series(1, 5000) g",
            "ANALYZE");
    private static final String QUERY = "SELECT c.name, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.total > 10 GROUP BY c.name ORDER BY 2 DESC LIMIT 5";

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void realAnalyzeOutputWithEveryOption(TestPostgres pg) throws Exception {
        String wal = pg == TestPostgres.OLDEST ? ", WAL" : ", WAL, SERIALIZE"; // SERIALIZE: keys from 17 on
        String json = explain(pg, "EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS, VERBOSE, SETTINGS" + wal + ") " + QUERY);
        Plan plan = PlanParser.parse(json);
        assertThat(plan.analyzed()).isTrue();
        assertThat(plan.nodes()).hasSize(json.split("\"Node Type\"", -1).length - 1);
        assertThat(plan.root().nodeType()).isEqualTo("Limit");
        assertThat(plan.executionMs()).isPositive();
        assertThat(plan.planningMs()).isPositive();
        assertThat(plan.nodes()).anySatisfy(n -> {
            assertThat(n.relation()).isEqualTo("orders");
            assertThat(n.schema()).isEqualTo("public");
            assertThat(n.timing().loops()).isEqualTo(1);
            assertThat(n.buffers().sharedHit() + n.buffers().sharedRead()).isPositive();
        });
        assertThat(plan.nodes()).extracting(PlanNode::id).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, plan.nodes().size()).boxed().toList());
        PlanAnalysis analysis = PlanAnalysis.of(plan);
        assertThat(analysis.totalMs()).isEqualTo(plan.executionMs());
        assertThat(analysis.nodesMs()).isCloseTo(analysis.figures(0).inclusiveMs(),
                org.assertj.core.api.Assertions.within(0.01));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void realOutputWithoutAnalyze(TestPostgres pg) throws Exception {
        Plan plan = PlanParser.parse(explain(pg, "EXPLAIN (FORMAT JSON) " + QUERY));
        assertThat(plan.analyzed()).isFalse();
        assertThat(plan.executionMs()).isNull();
        assertThat(plan.nodes()).allSatisfy(n -> {
            assertThat(n.timing()).isNull();
            assertThat(n.estimate().totalCost()).isPositive();
        });
        assertThat(PlanAnalysis.of(plan).insights()).isEmpty();
    }

    @Test
    void pastedFromPsqlWithItsDecorations() {
        String psql = "                QUERY PLAN\n-------------------------------------------\n"
                + " [                                       +\n   {                                     +\n"
                + "     \"Plan\": {                          +\n       \"Node Type\": \"Result\",          +\n"
                + "       \"Plan Rows\": 1                   +\n     }                                   +\n"
                + "   }                                     +\n ]\n(1 row)\n";
        assertThat(PlanParser.parse(psql).root().nodeType()).isEqualTo("Result");
        assertThat(PlanParser.parse("{\"Node Type\": \"Result\"}").root().estimate().rows()).isZero();
    }

    @Test
    void notAPlanIsOneSentence() {
        assertThatThrownBy(() -> PlanParser.parse("Seq Scan on t  (cost=0.00..1.01 rows=1 width=4)"))
                .isInstanceOf(PlanFormatException.class).hasMessageStartingWith("This is not an EXPLAIN plan in JSON");
        assertThatThrownBy(() -> PlanParser.parse("{\"a\": 1}")).isInstanceOf(PlanFormatException.class)
                .hasMessage("This JSON is not an EXPLAIN plan: it has no \"Plan\" with a \"Node Type\".");
        assertThatThrownBy(() -> PlanParser.parse(" ")).isInstanceOf(PlanFormatException.class);
    }

    private static String explain(TestPostgres pg, String sql) throws Exception {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
