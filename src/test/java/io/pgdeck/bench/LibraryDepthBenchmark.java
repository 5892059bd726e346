package io.pgdeck.bench;

import io.pgdeck.queue.DepthSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One refresh of the queues screen per library, on its test fixture grown to
 * {@code -Dbench.rows} finished jobs (1 million by default): a finished job of the fixture
 * cloned, its finish time spread over the last week, so a history of finished jobs surrounds
 * the planted ones as in a queue that keeps it. Each library's database is built once into the
 * kept server ({@link KeptPostgres}); prints {@link DepthReadCost} figures, asserts nothing:
 * {@code mvn verify -Pbench -Dtest=LibraryDepthBenchmark}, {@code -Dbench.library=que} for one.
 */
@Tag("bench")
class LibraryDepthBenchmark {

    private static final int CALLS = 10;

    /**
     * A library's fixture and how its finished jobs are grown: the job table, which rows are
     * finished, the column saying when (spread over a week), statements to run after (the events
     * Procrastinate reads finish times from). Graphile Worker deletes a job when it succeeds, so
     * it has no history to grow: it is measured at its fixture's size.
     */
    record Grown(String name, String fixture, String table, String finished, String finishedAt, String after) {
    }

    private static final List<Grown> LIBRARIES = List.of(
            new Grown("river", "river_v004.sql,river_v004_jobs.sql", "public.river_job", "state = 'completed'", "finalized_at", null),
            new Grown("oban", "oban_v14.sql", "public.oban_jobs", "state = 'completed'", "completed_at", null),
            new Grown("pgboss", "pgboss_v12.sql", "pgboss.job", "state = 'completed'", "completed_on", null),
            new Grown("graphile", "graphile_worker_0_16.sql", null, null, null, null),
            new Grown("que", "que_jobs.sql,que_functions.sql,que_v7.sql,que_worked.sql", "public.que_jobs", "finished_at IS NOT NULL", "finished_at", null),
            new Grown("good_job", "good_job_4_x.sql", "public.good_jobs", "finished_at IS NOT NULL AND error IS NULL",
                    "finished_at", null),
            new Grown("solid_queue", "solid_queue_tables.sql,solid_queue_1_x.sql,solid_queue_jobs.sql", "public.solid_queue_jobs", "finished_at IS NOT NULL",
                    "finished_at", null),
            new Grown("procrastinate", "procrastinate_3_x.sql,procrastinate_ages.sql", "public.procrastinate_jobs", "status = 'succeeded'", null,
                    "INSERT INTO public.procrastinate_events (job_id, type, at) SELECT id, 'succeeded',"
                            + " now() - (id % 604800) * interval '1 second' FROM public.procrastinate_jobs j"
                            + " WHERE status = 'succeeded' AND NOT EXISTS (SELECT FROM public.procrastinate_events e"
                            + " WHERE e.job_id = j.id)"),
            new Grown("pgmq", "pgmq_1_5.sql,pgmq_messages.sql", "pgmq.a_emails", "true", "archived_at", null));

    @Test
    void serverTimePerQueueRefreshPerLibrary() throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000L);
        String only = System.getProperty("bench.library", "");
        try (KeptPostgres pg = new KeptPostgres()) {
            for (Grown library : LIBRARIES) {
                if (!only.isEmpty() && !only.equals(library.name())) {
                    continue;
                }
                String database = "lib_" + library.name() + "_" + rows;
                if (!pg.built(database)) {
                    long t0 = System.nanoTime();
                    build(pg, database, library, rows);
                    System.out.printf(Locale.ROOT, "library depth benchmark: %s with %,d finished jobs built in %.0f s%n",
                            library.name(), rows, (System.nanoTime() - t0) / 1e9);
                }
                for (DepthReadCost.Figures f : new DepthReadCost(pg, database, "pgdeck_lbench", CALLS)
                        .measure(DepthSettings.DEFAULTS)) {
                    System.out.printf(Locale.ROOT, "library depth benchmark: %,d finished: %s%n", rows, f.line());
                    f.heaviest().forEach(h -> System.out.println("library depth benchmark:     " + h));
                    f.read().forEach(r -> System.out.println("library depth benchmark:   read " + r));
                    f.finished().forEach(r -> System.out.println("library depth benchmark:   in " + DepthReadCost.WINDOW
                            + " " + r));
                }
            }
        }
    }

    private static void build(KeptPostgres pg, String database, Grown library, long rows) throws Exception {
        pg.create(database);
        try (Connection c = pg.connect(database); Statement st = c.createStatement()) {
            st.execute(fixture(library.fixture()));
            if (library.table() != null) {
                st.execute(CLONE);
                st.execute("SELECT pg_temp.bench_clone('" + library.table() + "', $$" + library.finished() + "$$, " + rows
                        + ", " + (library.finishedAt() == null ? "NULL" : "'" + library.finishedAt() + "'") + ")");
                if (library.after() != null) {
                    st.execute(library.after());
                }
            }
            st.execute("VACUUM ANALYZE");
        }
        pg.markBuilt(database);
    }

    /**
     * Copies one row matching {@code finished}, {@code n} times, leaving to their defaults the
     * primary-key columns that have one (serials, uuids) and identity or generated columns; a
     * key without a default (pgmq's archive msg_id) is numbered past the largest.
     */
    private static final String CLONE = """
            CREATE FUNCTION pg_temp.bench_clone(t regclass, finished text, n bigint, finished_at text) RETURNS void AS $f$
            DECLARE
                cols text;
                vals text;
            BEGIN
                SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
                       string_agg(CASE
                           WHEN a.attname = finished_at THEN 'now() - (g % 604800) * interval ''1 second'''
                           WHEN pk AND a.atttypid IN ('int8'::regtype, 'int4'::regtype) THEN format('(SELECT coalesce(max(%1$I), 0) FROM %2$s) + g', a.attname, t)
                           ELSE 's.' || quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
                  INTO cols, vals
                  FROM pg_attribute a
                  CROSS JOIN LATERAL (SELECT EXISTS (SELECT FROM pg_index i WHERE i.indrelid = t AND i.indisprimary
                                                      AND a.attnum = ANY (i.indkey)) AS pk) k
                 WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
                   AND NOT (pk AND a.atthasdef);
                EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM (SELECT * FROM %s WHERE %s LIMIT 1) s,'
                               ' generate_series(1, %s) g', t, cols, vals, t, finished, n);
            END
            $f$ LANGUAGE plpgsql""";

    /** The fixture's files (comma-separated: schema, then jobs) as one script. */
    private static String fixture(String files) throws IOException {
        StringBuilder sql = new StringBuilder();
        for (String file : files.split(",")) {
            try (InputStream in = LibraryDepthBenchmark.class.getResourceAsStream("/io/pgdeck/queue/" + file)) {
                sql.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sql.toString();
    }
}
