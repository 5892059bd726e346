package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a refresh reads when the planner prices a read above the limit: nothing, and says
 * unknown; and the UTC wall-clock columns of Oban and Rails compared bare, so an index on the
 * finish time can serve the window. Oban's fixture: its timestamps are UTC without time zone and
 * it has no index on completed_at, as in Oban's own migrations.
 */
class JobTableReaderCostTest {

    private static final String FIXTURE = "oban_v14.sql";

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aReadThePlannerPricesAboveTheLimitIsNotMadeAndIsUnknownNotZero(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            f.execute("ANALYZE public.oban_jobs"); // the queues an unknown figure is said for come from pg_stats
            ObanAdapter oban = ObanAdapter.detect(f.db()).get(0);
            JobTableReader reader = new JobTableReader(oban.table);
            List<String> queues = oban.queues(f.db());

            // a limit of one cost unit: any read of the table costs more
            assertThat(reader.throughput(f.db(), Duration.ofMinutes(5), 1, oban, queues))
                    .extracting(t -> t.queue().name() + " " + t.done() + " " + t.failed())
                    .containsExactly("default null null", "events null null");
            List<QueueDepth> depths = reader.depths(f.db(), new DepthSettings(1, Duration.ofMinutes(20)), oban, queues,
                    Set.of());
            assertThat(depths).extracting(d -> d.queue().name() + " " + d.oldestWaiting() + " " + d.stuck())
                    .containsExactly("default null null", "events null null");
            // Oban has no expiry: a condition the planner knows is empty costs nothing and stays exact
            assertThat(depths).extracting(QueueDepth::expired).containsOnly(0L);
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void theReadingSaysWhichFiguresAreUnknownAndWhyInOneLine(TestPostgres pg) {
        try (QueueFixture f = QueueFixture.load(pg, FIXTURE)) {
            QueueReading reading = new QueueMonitor(f.db(), List::of, new DepthSettings(1, Duration.ofMinutes(20)),
                    Duration.ofMinutes(5)).read();
            assertThat(reading.queues()).extracting(s -> s.depth().stuck()).containsOnlyNulls();
            assertThat(reading.problems()).containsExactly("Oban (public): oldest waiting, stuck unknown: no index of"
                    + " the library's makes the read cheap, so a refresh does not scan the table for it");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aUtcTimestampWindowIsComparedOnTheBareColumnWhichAnIndexServes(TestPostgres pg) throws Exception {
        try (QueueFixture f = QueueFixture.load(pg, "good_job_4_x.sql")) {
            f.execute("CREATE INDEX bench_finished_at ON public.good_jobs (finished_at); ANALYZE public.good_jobs");
            JobTable jobs = GoodJobAdapter.detect(f.db()).get(0).table;
            assertThat(jobs.finishedAt()).isInstanceOf(QueueSql.UtcTimestamp.class);
            try (Connection c = f.connect()) {
                DSLContext db = f.admin(c);
                db.execute("SET enable_seqscan = off");
                String bare = db.explain(DSL.selectOne().from(jobs.table())
                        .where(JobTableReader.atOrAfter(jobs.finishedAt(), Duration.ofMinutes(5)))).plan();
                String wrapped = db.explain(DSL.selectOne().from(jobs.table())
                        .where(jobs.finishedAt().ge(JobTableReader.secondsAgo(Duration.ofMinutes(5))))).plan();
                assertThat(bare).contains("Index Cond: (finished_at >=");
                assertThat(wrapped).doesNotContain("Index Cond");
                // same rows either way: the conversion moved sides, the window did not change
                assertThat(db.fetchCount(DSL.selectOne().from(jobs.table())
                        .where(JobTableReader.atOrAfter(jobs.finishedAt(), Duration.ofDays(30)))))
                        .isEqualTo(db.fetchCount(DSL.selectOne().from(jobs.table())
                                .where(jobs.finishedAt().ge(JobTableReader.secondsAgo(Duration.ofDays(30))))))
                        .isPositive();
            }
        }
    }
}
