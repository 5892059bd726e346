package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.catalog.BloatFixture;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bloat section of {@code snapshot --json} and the vacuum and bloat lines of {@code check}. */
class BloatCliTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void snapshotHasEstimatedAndMeasuredBloat(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        BloatFixture.plant(pg, db);
        CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode bloat = new ObjectMapper().readTree(run.out()).get("bloat");

        assertThat(bloat.get("estimated_wasted_bytes").asLong()).isPositive();
        assertThat(bloat.get("exact_hint").isNull()).isTrue();
        JsonNode table = StreamSupport.stream(bloat.get("tables").spliterator(), false)
                .filter(t -> t.get("table").get("name").asText().equals(BloatFixture.TABLE)).findFirst().orElseThrow();
        assertThat(table.get("table").get("schema").asText()).isEqualTo(BloatFixture.SCHEMA);
        assertThat(table.get("estimated_wasted_ratio").asDouble()).isBetween(0.4, 0.7);
        assertThat(table.get("statistics").asText()).isEqualTo("FRESH");
        assertThat(table.get("dead_tuples").asLong()).isPositive();
        assertThat(table.get("autovacuum_enabled").asBoolean()).isFalse();
        assertThat(table.get("exact").get("method").asText()).isEqualTo("pgstattuple");
        assertThat(table.get("exact").get("wasted_bytes").asLong()).isPositive();
        assertThat(bloat.get("indexes").size()).isPositive();
        assertThat(bloat.get("transaction_id_ages").size()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void checkWarnsOnBloatAndOnWraparoundPastTheirThresholds(TestPostgres pg) {
        String db = pg.freshDatabase().database();
        BloatFixture.plant(pg, db);
        CliRun quiet = CliRun.of(home, "check", Sessions.uri(pg, db), "--cache-min-blocks", "999999999");
        assertThat(quiet.out()).containsPattern("(?m)^OK    xid wraparound +oldest: .* warn over 90%$");
        assertThat(quiet.out()).containsPattern("(?m)^OK    bloat +no relation large enough to judge");

        CliRun warned = CliRun.of(home, "check", Sessions.uri(pg, db), "--cache-min-blocks", "999999999",
                "--bloat-min-mb", "1", "--bloat-pct", "40", "--wraparound-pct", "0");
        assertThat(warned.exit()).as(warned.toString()).isEqualTo(Cli.EXIT_WARN);
        // the table and its two btree indexes, which still hold the dead rows' entries
        assertThat(warned.out()).containsPattern("(?m)^WARN  bloat +3 relation\\(s\\) over; worst: (table|index) "
                + java.util.regex.Pattern.quote(BloatFixture.RELATION.toString()) + ".*, estimated .* \\(\\d\\d\\.\\d%\\)");
        assertThat(warned.out()).containsPattern("(?m)^WARN  xid wraparound +oldest: ");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void withoutPgstattupleTheSnapshotSaysHowToGetExactFigures(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        BloatFixture.plant(pg, db);
        pg.execute(db, "DROP EXTENSION pgstattuple");
        CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode bloat = new ObjectMapper().readTree(run.out()).get("bloat");
        assertThat(bloat.get("exact_hint").asText()).contains("CREATE EXTENSION pgstattuple");
        assertThat(bloat.get("tables").get(0).get("exact").isNull()).isTrue();
    }
}
