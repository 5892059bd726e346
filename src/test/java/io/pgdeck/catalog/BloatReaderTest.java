package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BloatReaderTest {

    /** How far the estimate may stray from pgstattuple, in points of the table's size. */
    static final double TOLERANCE = 0.10;

    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE \"Never Analyzed\" (id int, v text)",
            "INSERT INTO \"Never Analyzed\" SELECT i, 'x' FROM generate_series(1, 1000) i");
    private static final java.util.Set<TestPostgres> PLANTED = java.util.EnumSet.noneOf(TestPostgres.class);

    private static synchronized Target planted(TestPostgres pg) {
        if (PLANTED.add(pg)) {
            BloatFixture.plant(pg, DB.name(pg));
        }
        return DB.target(pg);
    }

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void estimateOfABloatedTableIsNearPgstattuple(TestPostgres pg) {
        BloatReader reader = new BloatReader(planted(pg));
        TableBloat estimate = reader.estimates().tables().stream()
                .filter(t -> t.table().equals(BloatFixture.RELATION)).findFirst().orElseThrow();
        ExactBloat exact = reader.exact(BloatFixture.RELATION).orElseThrow();

        System.out.printf(Locale.ROOT, "%s: bloat of %s estimated %d of %d bytes (%.1f %%), pgstattuple %d of %d bytes"
                        + " (%.1f %%: %d dead, %d free)%n", pg, BloatFixture.RELATION, estimate.wastedBytes(),
                estimate.sizeBytes(), 100 * estimate.wastedRatio(), exact.wastedBytes(), exact.sizeBytes(),
                100 * exact.wastedRatio(), exact.deadTupleBytes(), exact.freeBytes());
        assertThat(estimate.statistics()).isEqualTo(StatisticsState.FRESH);
        assertThat(exact.method()).isEqualTo("pgstattuple");
        assertThat(exact.wastedRatio()).isGreaterThan(0.5);
        assertThat(estimate.wastedRatio()).isCloseTo(exact.wastedRatio(), within(TOLERANCE));
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void btreeIndexesAreEstimatedAndMeasured(TestPostgres pg) {
        BloatReader reader = new BloatReader(planted(pg));
        IndexBloat index = reader.estimates().indexes().stream()
                .filter(i -> i.index().equals(new RelationName(BloatFixture.SCHEMA, BloatFixture.INDEX)))
                .findFirst().orElseThrow();
        assertThat(index.table()).isEqualTo(BloatFixture.TABLE);
        assertThat(index.statistics()).isEqualTo(StatisticsState.FRESH);
        assertThat(index.wastedBytes()).as("dead entries still fill the index").isPositive();
        ExactBloat exact = reader.exact(index.index()).orElseThrow();
        assertThat(exact.method()).isEqualTo("pgstatindex");
        assertThat(exact.sizeBytes()).isEqualTo(index.sizeBytes());
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aTableNeverAnalyzedIsMarkedAndClaimsNoBloat(TestPostgres pg) {
        TableBloat never = new BloatReader(planted(pg)).estimates().tables().stream()
                .filter(t -> t.table().name().equals("Never Analyzed")).findFirst().orElseThrow();
        assertThat(never.statistics()).isEqualTo(StatisticsState.NEVER_ANALYZED);
        assertThat(never.statistics().sentence()).contains("ANALYZE");
        assertThat(never.sizeBytes()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aTableLockedAccessExclusiveIsListedWithoutItsSize(TestPostgres pg) throws Exception {
        Target target = planted(pg);
        try (Connection locker = DB.connect(pg); Statement st = locker.createStatement()) {
            locker.setAutoCommit(false);
            st.execute("LOCK TABLE " + BloatFixture.qualified() + " IN ACCESS EXCLUSIVE MODE");
            long t0 = System.nanoTime();
            BloatReport report = new BloatReader(target).estimates();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            TableBloat locked = report.tables().stream().filter(t -> t.table().equals(BloatFixture.RELATION))
                    .findFirst().orElseThrow();
            assertThat(locked.sizeBytes()).isNull();
            assertThat(millis).as("not held up until lock_timeout").isLessThan(target.options().lockTimeout().toMillis());
            locker.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void withoutPgstattupleTheExactFigureIsAHintNotAnError(TestPostgres pg) {
        ConnectionProfile bare = pg.freshDatabase();
        pg.execute(bare.database(), "DROP EXTENSION pgstattuple", "CREATE TABLE t (id int)");
        try (Target target = pg.openTarget(bare)) {
            assertThat(new BloatReader(target).exact(new RelationName("public", "t"))).isEmpty();
            assertThat(target.capabilities().hint(Capabilities.Feature.PGSTATTUPLE)).get().asString()
                    .contains("CREATE EXTENSION pgstattuple");
        }
    }

    /** Without superuser pg_statistic is closed: the estimate reads pg_stats and must agree. */
    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aRoleReadingPgStatsGetsTheSameEstimate(TestPostgres pg) {
        TableBloat asSuperuser = new BloatReader(planted(pg)).estimates().tables().stream()
                .filter(t -> t.table().equals(BloatFixture.RELATION)).findFirst().orElseThrow();
        pg.execute(DB.name(pg), "DO $$ BEGIN CREATE ROLE bloat_reader LOGIN IN ROLE pg_monitor;"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT USAGE ON SCHEMA " + BloatFixture.quote(BloatFixture.SCHEMA) + " TO bloat_reader",
                "GRANT SELECT ON " + BloatFixture.qualified() + " TO bloat_reader");
        ConnectionProfile reader = new ConnectionProfile(null, "localhost", pg.port(), DB.name(pg), "bloat_reader", null,
                "disable");
        try (Target target = pg.openTarget(reader)) {
            assertThat(target.capabilities().superuser()).isFalse();
            TableBloat asReader = new BloatReader(target).estimates().tables().stream()
                    .filter(t -> t.table().equals(BloatFixture.RELATION)).findFirst().orElseThrow();
            assertThat(asReader.statistics()).isEqualTo(StatisticsState.FRESH);
            assertThat(asReader.wastedBytes()).isEqualTo(asSuperuser.wastedBytes());
            assertThat(asReader.neededPages()).isEqualTo(asSuperuser.neededPages());
        }
    }
}
