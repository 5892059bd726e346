package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** snapshot --json carries partitions and matviews; check warns on coverage and DEFAULT rows. */
class PartitionsCliTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void snapshotAndCheck(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        pg.execute(db, PartitionFixtures.schema());
        pg.execute(db, "CREATE MATERIALIZED VIEW mv_a AS SELECT kind, count(*) FROM events GROUP BY kind",
                "CREATE MATERIALIZED VIEW mv_b AS SELECT count(*) FROM mv_a");

        CliRun run = CliRun.of(home, "snapshot", Sessions.uri(pg, db), "--json", "--interval", "0s");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode s = new ObjectMapper().readTree(run.out());
        JsonNode events = StreamSupport.stream(s.get("partitions").spliterator(), false)
                .filter(n -> n.get("name").asText().equals("public.events")).findFirst().orElseThrow();
        assertThat(events.get("interval").asText()).isEqualTo("month");
        assertThat(events.get("short_ahead").asBoolean()).isTrue();
        assertThat(events.get("intervals_ahead").asLong()).isZero();
        assertThat(events.get("gaps")).hasSize(1);
        assertThat(events.get("default_rows").asLong()).isEqualTo(12);
        JsonNode sessions = StreamSupport.stream(s.get("partitions").spliterator(), false)
                .filter(n -> n.get("name").asText().equals("public.sessions")).findFirst().orElseThrow();
        assertThat(sessions.get("interval").isNull()).isTrue();
        assertThat(s.get("matviews").get(0).get("name").asText()).isEqualTo("public.mv_a");
        assertThat(s.get("matviews").get(1).get("depends_on").get(0).asText()).isEqualTo("public.mv_a");

        CliRun check = CliRun.of(home, "check", Sessions.uri(pg, db));
        assertThat(check.exit()).as(check.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(check.out()).containsPattern("WARN +partitions +.*public\\.events covered only until")
                .contains("public.events_default (DEFAULT) holds 12 rows")
                .contains("public.customers_other (DEFAULT) holds 1 rows");
    }
}
