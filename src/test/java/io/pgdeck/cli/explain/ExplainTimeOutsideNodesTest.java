package io.pgdeck.cli.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.cli.Cli;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.Sessions;
import io.pgdeck.explain.ExplainOptions;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code pgdeck explain} shows the time in no node: trigger rows, executor start and end, JIT. */
class ExplainTimeOutsideNodesTest {

    /** A foreign key without an index on its referencing column: each deleted parent reads all of child. */
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE parent (id int PRIMARY KEY)",
            "CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES parent)",
            "INSERT INTO parent SELECT g FROM generate_series(1, 2000) g",
            "INSERT INTO child SELECT g, g % 1000 + 1 FROM generate_series(1, 200000) g",
            "VACUUM ANALYZE");
    private static final String DELETE = "DELETE FROM parent WHERE id > 1990";

    @AfterAll
    static void close() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void textListsEachTriggerAndNamesTheMissingIndex(TestPostgres pg, @TempDir Path home) {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--analyze", "--allow-writes", DELETE);
        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(run.out()).containsPattern("in no node: executor start and end, AFTER triggers")
                .containsPattern("\\d+ calls of trigger RI_ConstraintTrigger_a_\\d+ on parent \\(foreign key child_parent_id_fkey\\)")
                .contains("CRITICAL", "Trigger of foreign key child_parent_id_fkey on parent takes",
                        "child has no index starting with (parent_id)", "CREATE INDEX CONCURRENTLY ON child (parent_id)");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void jsonAddsTriggersAndTimeOutsideNodesAndKeepsItsFields(TestPostgres pg, @TempDir Path home) throws Exception {
        CliRun run = CliRun.of(home, "explain", Sessions.uri(pg, DB.name(pg)), "--analyze", "--allow-writes", "--json",
                DELETE);
        JsonNode r = new ObjectMapper().readTree(run.out());
        double execution = r.get("execution_ms").asDouble();
        JsonNode trigger = r.get("triggers").get(0);
        assertThat(trigger.get("name").asText()).startsWith("RI_ConstraintTrigger_a_");
        assertThat(trigger.get("constraint").asText()).isEqualTo("child_parent_id_fkey");
        assertThat(trigger.get("relation").asText()).isEqualTo("parent");
        assertThat(trigger.get("calls").asLong()).isEqualTo(10);
        assertThat(r.get("outside_nodes_ms").asDouble()).isGreaterThanOrEqualTo(trigger.get("ms").asDouble() * 0.99)
                .isLessThanOrEqualTo(execution);
        assertThat(r.get("nodes").get(0).get("node_type").asText()).isEqualTo("ModifyTable");
        assertThat(r.get("nodes").get(0).get("exclusive_ms").asDouble()).isLessThan(execution / 2);
        assertThat(r.get("nodes").get(0).has("approximate")).isTrue();
        assertThat(r.get("insights").get(0).get("rule").asText()).isEqualTo("trigger_time");
    }

    /** The zonky servers have no LLVM: the JIT lines are shown on the plan PostgreSQL 15 made. */
    @Test
    void jitPhasesAreALine() throws Exception {
        String json;
        try (var in = PlanAnalysis.class.getResourceAsStream("plans/jit-pg15.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringWriter text = new StringWriter();
        ExplainText.print(ExplainReport.of("PostgreSQL 15.18", "SELECT ...", ExplainOptions.analyzeWithBuffers().sql(),
                PlanAnalysis.of(json)), new PrintWriter(text));
        assertThat(text.toString()).contains("JIT: 8 functions, 495.566 ms (generation 0.713, inlining 262.183,"
                + " optimization 116.902, emission 115.767)", "JIT compilation takes 496 of 1228 ms")
                .containsPattern("378\\.871 +31% +in no node");
    }
}
