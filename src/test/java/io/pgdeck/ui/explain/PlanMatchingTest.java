package io.pgdeck.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.explain.ExplainOptions;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Node matching on real plans of one statement before and after CREATE INDEX, on both servers:
 * each node of either plan in exactly one pair, the scan that changed method matched "changed"
 * on its relation, the join above it matched though its children moved, and the node the index
 * brought in only after.
 */
class PlanMatchingTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE orgs (id int PRIMARY KEY, name text NOT NULL)",
            "INSERT INTO orgs SELECT g, 'org ' || g FROM generate_series(1, 200) g",
            "CREATE TABLE tickets (id bigint PRIMARY KEY, org int NOT NULL REFERENCES orgs, status text NOT NULL,"
                    + " opened timestamptz NOT NULL)",
            "INSERT INTO tickets SELECT g, g % 200 + 1, CASE WHEN g % 1000 = 0 THEN 'OPEN' ELSE 'CLOSED' END,"
                    + " now() - g * interval '1 minute' FROM generate_series(1, 200000) g",
            "VACUUM ANALYZE orgs", "VACUUM ANALYZE tickets");
    private static final String QUERY = "SELECT o.name, count(*) FROM tickets t JOIN orgs o ON o.id = t.org"
            + " WHERE t.status = 'OPEN' GROUP BY o.name ORDER BY 2 DESC";

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void beforeAndAfterAnIndexMatchOneToOne(TestPostgres pg) throws Exception {
        ExplainRunner runner = new ExplainRunner(DB.target(pg), Duration.ofSeconds(30));
        PlanAnalysis before = runner.run(runner.prepare(QUERY, ExplainOptions.analyzeWithBuffers()), false).analysis();
        try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
            st.execute("CREATE INDEX tickets_status ON tickets (status)");
            st.execute("ANALYZE tickets");
        }
        PlanAnalysis after;
        try {
            after = runner.run(runner.prepare(QUERY, ExplainOptions.analyzeWithBuffers()), false).analysis();
        } finally {
            try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
                st.execute("DROP INDEX tickets_status");
            }
        }
        List<NodeMatch> matches = PlanMatching.match(before, after);

        assertThat(matches.stream().map(NodeMatch::before).filter(Objects::nonNull).map(PlanNode::id).sorted())
                .as("every before node once").containsExactlyElementsOf(before.nodes().stream().map(PlanNode::id).toList());
        assertThat(matches.stream().map(NodeMatch::after).filter(Objects::nonNull).map(PlanNode::id).sorted())
                .as("every after node once").containsExactlyElementsOf(after.nodes().stream().map(PlanNode::id).toList());
        assertThat(matches.get(0).change()).as("the roots: %s", describe(matches)).isEqualTo(NodeMatch.Change.SAME);

        NodeMatch tickets = matches.stream().filter(m -> m.before() != null && "tickets".equals(m.before().relation()))
                .findFirst().orElseThrow();
        assertThat(tickets.before().nodeType()).isEqualTo("Seq Scan");
        assertThat(tickets.after().relation()).isEqualTo("tickets");
        assertThat(tickets.after().nodeType()).isNotEqualTo("Seq Scan");
        assertThat(tickets.change()).isEqualTo(NodeMatch.Change.CHANGED);
        assertThat(tickets.afterFigures().exclusiveMs()).isLessThan(tickets.beforeFigures().exclusiveMs());
        assertThat(CompareTable.timeChange(tickets)).startsWith("−").contains("less");
        assertThat(CompareTable.rows(tickets.before())).isEqualTo("200").isEqualTo(CompareTable.rows(tickets.after()));

        NodeMatch orgs = matches.stream().filter(m -> m.before() != null && "orgs".equals(m.before().relation()))
                .findFirst().orElseThrow();
        assertThat(orgs.after()).as(describe(matches)).isNotNull();
        assertThat(orgs.after().relation()).isEqualTo("orgs");
        if (after.nodes().stream().anyMatch(n -> n.nodeType().equals("Bitmap Index Scan"))) {
            assertThat(matches).as(describe(matches)).anyMatch(m -> m.change() == NodeMatch.Change.ONLY_AFTER
                    && m.after().nodeType().equals("Bitmap Index Scan"));
        }
    }

    private static String describe(List<NodeMatch> matches) {
        StringBuilder b = new StringBuilder("\n");
        matches.forEach(m -> b.append(m.before() == null ? "-" : m.before().label()).append("  ->  ")
                .append(m.after() == null ? "-" : m.after().label()).append("  ").append(m.change()).append('\n'));
        return b.toString();
    }
}
