package io.pgdeck.bench;

import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The table and btree index bloat estimate over a large catalog: 10,000 tables with three btree
 * indexes each (30,000), one row each and analyzed, so pg_stats has a row per column.
 * Target: ≤ 2 s per read. Prints figures, asserts nothing: {@code mvn verify -Pbench
 * -Dtest=BloatEstimateBenchmark}; {@code -Dbench.tables=N} changes the size.
 */
@Tag("bench")
class BloatEstimateBenchmark {

    private static final int RUNS = 7;
    private static final int BATCH = 250;

    @Test
    void estimateOverALargeCatalog() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile db = pg.freshDatabase();
        int tables = Integer.getInteger("bench.tables", 10_000);
        long t0 = System.nanoTime();
        try (Connection c = pg.connect(db.database()); Statement st = c.createStatement()) {
            // in batches: one transaction creating 10,000 tables runs out of lock slots
            for (int from = 1; from <= tables; from += BATCH) {
                st.execute("DO $$ BEGIN FOR i IN " + from + ".." + Math.min(tables, from + BATCH - 1) + " LOOP EXECUTE format("
                        + "'CREATE TABLE bench_%1$s (id bigint PRIMARY KEY, k int, v text);"
                        + " CREATE INDEX bench_%1$s_k ON bench_%1$s (k); CREATE INDEX bench_%1$s_kv ON bench_%1$s (k, v);"
                        + " INSERT INTO bench_%1$s VALUES (1, 1, ''one'')', i); END LOOP; END $$");
            }
            st.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "bloat benchmark: catalog of %d tables built in %.0f s%n", tables,
                (System.nanoTime() - t0) / 1e9);
        try (Target target = Target.open(db, TargetOptions.defaults())) {
            BloatReader bloat = new BloatReader(target);
            VacuumReader vacuum = new VacuumReader(target);
            bloat.estimates(); // warm the connection's catalog caches, as a running console has them
            List<Double> estimateMs = new ArrayList<>();
            List<Double> vacuumMs = new ArrayList<>();
            BloatReport report = null;
            for (int i = 0; i < RUNS; i++) {
                long s = System.nanoTime();
                report = bloat.estimates();
                estimateMs.add((System.nanoTime() - s) / 1e6);
                s = System.nanoTime();
                vacuum.status();
                vacuumMs.add((System.nanoTime() - s) / 1e6);
            }
            Collections.sort(estimateMs);
            Collections.sort(vacuumMs);
            System.out.printf(Locale.ROOT, "bloat estimate of %d tables and %d btree indexes: median %.0f ms, best %.0f ms,"
                            + " worst %.0f ms (target ≤ 2000 ms); vacuum status of every table: median %.0f ms%n",
                    report.tables().size(), report.indexes().size(), estimateMs.get(RUNS / 2), estimateMs.get(0),
                    estimateMs.get(RUNS - 1), vacuumMs.get(RUNS / 2));
        }
    }
}
