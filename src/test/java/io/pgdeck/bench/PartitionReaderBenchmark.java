package io.pgdeck.bench;

import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The partition reader on a database of 2,000 partitions over 20 monthly sets (each with a
 * DEFAULT partition holding a few rows): wall time of one full read, and of the coverage
 * analysis on top. Prints figures, asserts nothing: {@code mvn verify -Pbench -Dtest=PartitionReaderBenchmark}.
 */
@Tag("bench")
class PartitionReaderBenchmark {

    private static final int SETS = 20;
    private static final int PER_SET = 100;
    private static final int READS = 30;

    @Test
    void twoThousandPartitions() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile profile = pg.freshDatabase();
        long t0 = System.nanoTime();
        try (Connection c = pg.connect(profile.database()); Statement st = c.createStatement()) {
            for (int s = 0; s < SETS; s++) {
                st.execute("CREATE TABLE set_" + s + " (at timestamptz NOT NULL, v int) PARTITION BY RANGE (at)");
                st.execute("CREATE TABLE set_" + s + "_default PARTITION OF set_" + s + " DEFAULT");
                st.execute("INSERT INTO set_" + s + " SELECT timestamptz '2000-01-01' + i * interval '1 day', i"
                        + " FROM generate_series(1, 5) i");
                st.execute("DO $$ BEGIN FOR m IN 0.." + (PER_SET - 2) + " LOOP EXECUTE format("
                        + "'CREATE TABLE set_" + s + "_%s PARTITION OF set_" + s + " FOR VALUES FROM (%L) TO (%L)',"
                        + " to_char(date '2018-01-01' + m * interval '1 month', 'YYYY_MM'),"
                        + " date '2018-01-01' + m * interval '1 month', date '2018-01-01' + (m + 1) * interval '1 month');"
                        + " END LOOP; END $$");
            }
            st.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "PartitionReaderBenchmark: planted %d sets x %d partitions in %.1f s%n",
                SETS, PER_SET, (System.nanoTime() - t0) / 1e9);
        try (Target target = pg.openTarget(profile)) {
            PartitionReader reader = new PartitionReader(target);
            for (int i = 0; i < 5; i++) {
                reader.sets();
            }
            double[] reads = new double[READS];
            double[] analysis = new double[READS];
            int partitions = 0;
            for (int i = 0; i < READS; i++) {
                long a = System.nanoTime();
                List<PartitionSet> sets = reader.sets();
                long b = System.nanoTime();
                LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                sets.forEach(s -> s.coverage(now).ifPresent(c -> c.gapSlots()));
                long d = System.nanoTime();
                reads[i] = (b - a) / 1e6;
                analysis[i] = (d - b) / 1e6;
                partitions = sets.stream().mapToInt(s -> s.partitions().size()).sum();
            }
            Arrays.sort(reads);
            Arrays.sort(analysis);
            System.out.printf(Locale.ROOT, "PartitionReaderBenchmark: %d partitions read; sets() median %.1f ms,"
                            + " p90 %.1f ms, max %.1f ms; coverage of all sets median %.2f ms%n", partitions,
                    reads[READS / 2], reads[READS * 9 / 10], reads[READS - 1], analysis[READS / 2]);
        }
    }
}
