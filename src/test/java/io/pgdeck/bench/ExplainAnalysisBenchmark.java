package io.pgdeck.bench;

import io.pgdeck.explain.Plan;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanParser;
import io.pgdeck.testing.TestPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parse and analysis of a 5,000-node plan (target: under 300 ms): a real EXPLAIN ANALYZE of a
 * UNION ALL of 5,000 index lookups on PostgreSQL 17. Prints figures, asserts nothing: run with
 * {@code mvn verify -Pbench -Dtest=ExplainAnalysisBenchmark}.
 */
@Tag("bench")
class ExplainAnalysisBenchmark {

    private static final int SELECTS = 5_000;
    private static final int RUNS = 20;

    @Test
    void parseAndAnalyseFiveThousandNodes() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        String db = pg.freshDatabase().database();
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 10000) g", "VACUUM ANALYZE t");
        StringJoiner union = new StringJoiner("\nUNION ALL\n");
        for (int i = 1; i <= SELECTS; i++) {
            union.add("SELECT v FROM t WHERE id = " + i + " AND v <> 'x'");
        }
        String json;
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + union)) {
            rs.next();
            json = rs.getString(1);
        }
        int nodes = 0;
        double[] ms = new double[RUNS];
        for (int warm = 0; warm < 5; warm++) {
            nodes = PlanAnalysis.of(json).nodes().size();
        }
        int insights = 0;
        double[] parseMs = new double[RUNS];
        double[] cpuMs = new double[RUNS];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < RUNS; run++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Plan plan = PlanParser.parse(json);
            long t1 = System.nanoTime();
            PlanAnalysis analysis = PlanAnalysis.of(plan);
            ms[run] = (System.nanoTime() - t0) / 1e6;
            parseMs[run] = (t1 - t0) / 1e6;
            cpuMs[run] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            insights = analysis.insights().size();
        }
        Arrays.sort(parseMs);
        Arrays.sort(cpuMs);
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "EXPLAIN parse + analysis: %d nodes, %.1f MB of JSON, %d insights:"
                        + " median %.1f ms wall (of which parsing %.1f ms), %.1f ms CPU of this thread, max %.1f ms wall"
                        + " over %d runs (target: under 300 ms); load average %.1f on %d cores%n",
                nodes, json.length() / 1e6, insights, ms[RUNS / 2], parseMs[RUNS / 2], cpuMs[RUNS / 2], ms[RUNS - 1],
                RUNS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
