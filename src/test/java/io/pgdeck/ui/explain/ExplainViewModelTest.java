package io.pgdeck.ui.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.InsightRule;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The workbench's view model on a real server, on one thread: no toolkit, no waiting. */
class ExplainViewModelTest {

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE tickets (id bigint PRIMARY KEY, status text NOT NULL, org int NOT NULL)",
            "INSERT INTO tickets SELECT g, CASE WHEN g % 500 = 0 THEN 'OPEN' ELSE 'CLOSED' END, g % 50"
                    + " FROM generate_series(1, 30000) g",
            "VACUUM ANALYZE tickets");

    @TempDir
    Path tmp;
    private final List<ActionPlan> asked = new ArrayList<>();
    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty(false);

    @AfterAll
    static void close() {
        DB.close();
    }

    private ExplainViewModel model(TestPostgres pg, boolean confirm) {
        DialogService dialogs = new DialogService() {
            @Override
            public boolean confirm(ActionPlan plan) {
                asked.add(plan);
                return confirm;
            }

            @Override
            public void showError(String title, String message) {
                throw new AssertionError("no error dialog expected: " + message);
            }
        };
        return new ExplainViewModel(UiExecutor.direct(), TaskExecutor.sameThread(),
                new ExplainRunner(DB.target(pg), Duration.ofSeconds(30)), dialogs, readOnly);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void runShowsThePlanInsightsAndHistory(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.open("SELECT * FROM tickets WHERE status = 'OPEN'");
        model.run();
        assertThat(model.failedProperty().get()).as(model.messageProperty().get()).isFalse();
        assertThat(model.analysisProperty().get().plan().root().nodeType()).isEqualTo("Seq Scan");
        assertThat(model.insights()).anyMatch(i -> i.rule() == InsightRule.SEQ_SCAN_NEEDS_INDEX);
        assertThat(model.history()).hasSize(1);
        assertThat(model.messageProperty().get()).startsWith("1 nodes, ").contains("rolled back");
        assertThat(model.planJson()).contains("\"Node Type\": \"Seq Scan\"");
        assertThat(asked).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theSelectedNodesDetailSaysAllEXPLAINSaid(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.open("SELECT t.id, o.n FROM tickets t JOIN (SELECT org, count(*) AS n FROM tickets GROUP BY org) o"
                + " ON o.org = t.org WHERE t.status = 'OPEN' AND t.id % 7 <> o.n");
        model.verboseProperty().set(true);
        model.run();
        PlanAnalysis plan = model.analysisProperty().get();
        assertThat(model.selectedNodeProperty().get()).as("a new plan shows its root").isEqualTo(plan.plan().root());
        PlanNode join = plan.nodes().stream().filter(n -> n.has("Hash Cond")).findFirst().orElseThrow();
        model.selectedNodeProperty().set(join);
        assertThat(model.nodeDetailProperty().get()).startsWith("Hash Join").contains(
                "Hash Cond: (", "Join Filter: (", "Output: t.id", "Rows Removed by Join Filter: ", "actual per loop × 1 loop",
                "Time: ", "Buffers: shared hit", "Everything else EXPLAIN said:", "  Join Type: Inner");
        PlanNode scan = plan.nodes().stream().filter(n -> n.has("Filter") && "tickets".equals(n.relation())
                && n.text("Filter").contains("OPEN")).findFirst().orElseThrow();
        model.selectedNodeProperty().set(scan);
        assertThat(model.nodeDetailProperty().get()).contains("Filter: (t.status = 'OPEN'::text)",
                "Rows Removed by Filter: 29,940", "Insights:", "Filter removes");
        for (String key : scan.properties().keySet()) {
            assertThat(model.nodeDetailProperty().get()).as("nothing lost").contains(key + ": ");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anErrorClearsThePreviousPlanWhichStaysInTheHistory(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.open("SELECT * FROM tickets WHERE status = 'OPEN'");
        model.run();
        assertThat(model.insights()).isNotEmpty();
        model.open("SELECT * FROM tickets WHERE stauts = 'OPEN'");
        model.run();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.analysisProperty().get()).isNull();
        assertThat(model.insights()).isEmpty();
        assertThat(model.nodeDetailProperty().get()).isEmpty();
        assertThat(model.planJson()).isEmpty();
        assertThat(model.history()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void writesAskFirstAndAreRolledBack(TestPostgres pg) throws Exception {
        ExplainViewModel declined = model(pg, false);
        declined.open("DELETE FROM tickets WHERE org = 3");
        declined.run();
        assertThat(asked).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("EXPLAIN ANALYZE runs this statement for real");
            assertThat(p.risk()).startsWith("It has side effects (DELETE from public.tickets)").contains("rolled back");
            assertThat(p.sql()).isEqualTo("EXPLAIN (FORMAT JSON, ANALYZE, BUFFERS) DELETE FROM tickets WHERE org = 3;");
        });
        assertThat(declined.analysisProperty().get()).isNull();
        assertThat(declined.messageProperty().get()).isEqualTo("Not run: its side effects were not confirmed.");

        readOnly.set(true);
        ExplainViewModel refused = model(pg, true);
        refused.open("DELETE FROM tickets WHERE org = 3");
        refused.run();
        assertThat(asked).hasSize(1);
        assertThat(refused.messageProperty().get()).startsWith("Read-only mode: ANALYZE would run this statement");
        refused.analyzeProperty().set(false);
        refused.run();
        assertThat(refused.analysisProperty().get().plan().analyzed()).isFalse();
        readOnly.set(false);

        ExplainViewModel confirmed = model(pg, true);
        confirmed.open("DELETE FROM tickets WHERE org = 3");
        confirmed.run();
        assertThat(confirmed.analysisProperty().get().plan().root().nodeType()).isEqualTo("ModifyTable");
        assertThat(count(pg)).isEqualTo(30000);
    }

    /**
     * What no node shows is in the summary: a foreign key's trigger that took the time, and a
     * sequence the run advanced, which the rollback does not take back.
     */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void triggersAndSequenceAdvancesAreSaid(TestPostgres pg) throws Exception {
        pg.execute(DB.name(pg), "CREATE TABLE IF NOT EXISTS orgs (id int PRIMARY KEY)",
                "CREATE TABLE IF NOT EXISTS members (org int REFERENCES orgs)",
                "INSERT INTO orgs SELECT g FROM generate_series(1, 5) g ON CONFLICT DO NOTHING",
                "CREATE SEQUENCE IF NOT EXISTS ticket_numbers");
        ExplainViewModel model = model(pg, true);
        model.open("DELETE FROM orgs WHERE id = 1");
        model.run();
        assertThat(model.messageProperty().get()).containsPattern("\\(planning [0-9.]+ ms, trigger members_org_fkey"
                + " on orgs [0-9.]+ ms \\(1 call\\)").contains("; rolled back");

        model.open("SELECT nextval('ticket_numbers')");
        model.run();
        assertThat(asked).last().satisfies(p -> assertThat(p.risk()).contains("advances sequence"));
        assertThat(model.messageProperty().get()).containsPattern("; advanced \\S*ticket_numbers, which no rollback"
                + " takes back$");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void errorsSayWhatAndWhere(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.open("SELECT 1;\nSELECT 2");
        model.run();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("The text holds 2 statements");
        assertThat(model.errorPositionProperty().get()).isEqualTo(10);

        model.open("SELECT id\n  FROM tickets\n WHERE stauts = 'OPEN'");
        model.run();
        assertThat(model.messageProperty().get()).isEqualTo("Column \"stauts\" does not exist (line 3, column 8)."
                + " Perhaps you meant to reference the column \"tickets.status\".");
        assertThat(model.errorPositionProperty().get()).isEqualTo(model.sqlProperty().get().indexOf("stauts"));
        assertThat(model.busyProperty().get()).isFalse();

        model.analyseJson("Seq Scan on tickets (cost=0.00..1.01)");
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("This is not an EXPLAIN plan in JSON");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void genericPlanOfferedOnlyFrom16(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.open("SELECT * FROM tickets WHERE id = $1");
        if (pg == TestPostgres.OLDEST) {
            assertThat(model.genericPlanAvailable()).isFalse();
            assertThat(model.genericPlanProperty().get()).isFalse();
            assertThat(model.messageProperty().get()).contains("GENERIC_PLAN needs PostgreSQL 16+");
        } else {
            assertThat(model.genericPlanAvailable()).isTrue();
            assertThat(model.genericPlanProperty().get()).isTrue();
            assertThat(model.analyzeProperty().get()).isFalse();
            model.run();
            assertThat(model.analysisProperty().get().plan().root().text("Index Cond")).isEqualTo("(id = $1)");
        }
        model.open("SELECT 1");
        assertThat(model.genericPlanProperty().get()).isFalse();
        assertThat(model.analyzeProperty().get()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void compareBeforeAndAfterAnIndexAndExport(TestPostgres pg) throws Exception {
        ExplainViewModel model = model(pg, true);
        String byOrg = "SELECT count(*) FROM tickets WHERE org = 7 AND status = 'OPEN'";
        model.open(byOrg);
        model.run();
        model.pinAsBefore();
        try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
            st.execute("CREATE INDEX tickets_org_status ON tickets (org, status)");
            st.execute("ANALYZE tickets");
        }
        try {
            model.run();
            assertThat(model.comparisonProperty().get()).contains("no longer: Seq Scan on tickets",
                    "tickets_org_status on tickets", "insights ");
            assertThat(model.matches()).anySatisfy(m -> {
                assertThat(m.change()).isEqualTo(NodeMatch.Change.CHANGED);
                assertThat(m.before().label()).isEqualTo("Seq Scan on tickets");
                assertThat(m.after().relation()).isEqualTo("tickets");
            });
            Path file = tmp.resolve("plan.json");
            model.exportJson(file);
            assertThat(Files.readString(file)).isEqualTo(model.planJson()).contains("tickets_org_status");
            assertThat(model.messageProperty().get()).isEqualTo("Plan exported to " + file);
            model.restore(model.history().get(1));
            assertThat(model.analysisProperty().get().plan().root().children().get(0).nodeType()).isEqualTo("Seq Scan");
        } finally {
            try (Connection c = DB.connect(pg); Statement st = c.createStatement()) {
                st.execute("DROP INDEX tickets_org_status");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void pastedPlanIsAnalysedWithoutTheServer(TestPostgres pg) {
        ExplainViewModel model = model(pg, true);
        model.analyseJson("[{\"Plan\": {\"Node Type\": \"Sort\", \"Plan Rows\": 1, \"Actual Total Time\": 900.0,"
                + " \"Actual Rows\": 1, \"Actual Loops\": 1, \"Sort Method\": \"external merge\","
                + " \"Sort Space Type\": \"Disk\", \"Sort Space Used\": 20480}}]");
        assertThat(model.failedProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Pasted plan: 1 nodes, 900 ms, 1 insight");
        assertThat(model.insights()).singleElement().satisfies(i -> assertThat(i.rule()).isEqualTo(InsightRule.SPILL));
        assertThat(model.history()).isEmpty();
    }

    private static long count(TestPostgres pg) throws Exception {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM tickets")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
