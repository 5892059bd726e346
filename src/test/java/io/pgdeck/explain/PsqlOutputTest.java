package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan as the real psql prints it, in every border, line style and format, reads as the plan
 * itself: live against the test server where /usr/bin/psql is installed, and always on the outputs
 * it printed once, committed under resources/io/pgdeck/explain/psql (see the README there). To print each style of one and the same ANALYZE (its times differ from run to run), the
 * script keeps EXPLAIN's one text value in a temporary table under EXPLAIN's own column name and
 * selects it once per style: psql prints a one-column text result the same whichever statement made it.
 */
class PsqlOutputTest {

    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static final Path COMMITTED = Path.of("src/test/resources/io/pgdeck/explain/psql");
    private static final String QUERY = "SELECT c.name, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.note <> 'a \"quoted\" \\ literal, long enough that psql wraps it at eighty columns' GROUP BY c.name";
    private static final String EXPLAIN = "EXPLAIN (ANALYZE, VERBOSE, BUFFERS, FORMAT JSON) " + QUERY;
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE customers (id int PRIMARY KEY, name text)",
            "CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total numeric, note text)",
            "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 50) g",
            "INSERT INTO orders SELECT g, g % 50 + 1, g, 'n' || g FROM generate_series(1, 500) g",
            "ANALYZE");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void psqlNowPrintsEveryStyleSoThatItReadsAsThePlanItself() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed: the committed outputs stand in");
        readsAsThePlanItself(live());
    }

    @Test
    void committedPsqlOutputsReadAsThePlanItself() throws Exception {
        readsAsThePlanItself(committed());
    }

    private static void readsAsThePlanItself(Map<String, String> outputs) {
        String raw = outputs.remove("raw");
        Plan expected = PlanParser.parse(raw);
        assertThat(expected.analyzed()).isTrue();
        assertThat(outputs).hasSize(3 * 3 * 2 + 2);
        outputs.forEach((style, printed) -> {
            assertThat(printed).as(style).isNotEqualTo(raw);
            assertThat(readTree(PsqlOutput.json(printed))).as(style).isEqualTo(readTree(raw));
            assertThat(PlanParser.parse(printed)).as(style).usingRecursiveComparison().ignoringFields("json")
                    .isEqualTo(expected);
        });
        // what a terminal shows around it when copied whole
        String pasted = "shop=# " + EXPLAIN + ";\n" + outputs.get("b1-unicode-wrapped") + "\nTime: 3.112 ms\nshop=# ";
        assertThat(readTree(PsqlOutput.json(pasted))).isEqualTo(readTree(raw));
    }

    @Test
    void textPsqlDidNotDecorateComesBackAsItWas() {
        String compact = "[{\"Plan\": {\"Node Type\": \"Result\", \"Output\": [\"'a  +'::text\"]}}]";
        assertThat(readTree(PsqlOutput.json(compact))).isEqualTo(readTree(compact));
        assertThat(PsqlOutput.json("Seq Scan on t  (cost=0.00..1.01 rows=1 width=4)"))
                .isEqualTo("Seq Scan on t  (cost=0.00..1.01 rows=1 width=4)");
    }

    /** psql's outputs, printed now; with -Dpgdeck.psql.record=true also written over the committed ones. */
    private Map<String, String> live() throws Exception {
        Path script = tmp.resolve("styles.sql");
        Files.writeString(script, script());
        var profile = DB.profile(TestPostgres.NEWEST);
        Process psql = new ProcessBuilder(PSQL.toString(), "-X", "-q", "-h", "localhost", "-p",
                String.valueOf(profile.port()), "-U", "postgres", "-d", profile.database(), "-f", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(psql.exitValue()).as(out).isZero();
        Map<String, String> outputs = split(out);
        if (Boolean.getBoolean("pgdeck.psql.record")) {
            Files.createDirectories(COMMITTED);
            for (var e : outputs.entrySet()) {
                Files.writeString(COMMITTED.resolve(e.getKey() + ".txt"), e.getValue());
            }
        }
        return outputs;
    }

    private static Map<String, String> committed() throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        try (var files = Files.list(COMMITTED)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                outputs.put(f.getFileName().toString().replace(".txt", ""), Files.readString(f));
            }
        }
        return outputs;
    }

    /** One ANALYZE kept in a temporary table, then printed raw and in every style, each after a "==== name" line. */
    static String script() {
        StringBuilder s = new StringBuilder("\\set ON_ERROR_STOP on\n")
                .append("DO $do$ DECLARE plan text; BEGIN EXECUTE $q$").append(EXPLAIN).append("$q$ INTO plan;")
                .append(" CREATE TEMP TABLE saved AS SELECT plan AS \"QUERY PLAN\"; END $do$;\n")
                .append("\\pset format unaligned\n\\pset tuples_only on\n\\echo ==== raw\n")
                .append("SELECT \"QUERY PLAN\" FROM saved;\n\\pset tuples_only off\n\\pset columns 80\n");
        List<String> styles = new ArrayList<>();
        for (String border : new String[] {"0", "1", "2"}) {
            for (String line : new String[] {"ascii", "old-ascii", "unicode"}) {
                for (String format : new String[] {"aligned", "wrapped"}) {
                    styles.add(border + " " + line + " " + format + " off");
                }
            }
        }
        styles.add("1 unicode aligned on"); // without header and footer
        styles.add("2 ascii wrapped on");
        for (String style : styles) {
            String[] p = style.split(" ");
            s.append("\\pset border ").append(p[0]).append("\n\\pset linestyle ").append(p[1])
                    .append("\n\\pset format ").append(p[2]).append("\n\\pset tuples_only ").append(p[3])
                    .append("\n\\echo ==== b").append(p[0]).append('-').append(p[1]).append('-').append(p[2])
                    .append(p[3].equals("on") ? "-bare" : "").append("\nSELECT \"QUERY PLAN\" FROM saved;\n");
        }
        return s.toString();
    }

    private static Map<String, String> split(String out) {
        Map<String, String> outputs = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("==== ")) {
                if (name != null) {
                    outputs.put(name, text.toString());
                }
                name = line.substring(5);
                text.setLength(0);
            } else if (name != null) {
                text.append(line).append('\n');
            }
        }
        outputs.put(name, text.toString());
        return outputs;
    }

    private static Object readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
