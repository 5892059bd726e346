package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.testing.LeastPrivilege;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * snapshot and check as a pg_monitor role and as a plain role, against tables owned by the
 * application: both run through (exit 0 or 1, never 2), count what they may not read from the
 * statistics or say it hidden with the grant, and never make a figure up.
 */
class LeastPrivilegeCliTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void snapshotAndCheckAsMonitorAndPlainRoles(TestPostgres pg) throws Exception {
        LeastPrivilege f = LeastPrivilege.plant(pg);
        f.runOwnerStatements();
        try (Connection a = f.connect(f.owner()); Connection b = f.connect(f.owner()); Connection su = pg.connect(f.database())) {
            String clients = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND application_name IS DISTINCT FROM 'pgdeck'";

            int before = Sessions.queryInt(su, clients);
            JsonNode monitor = snapshot(f.uri(f.monitor()));
            JsonNode plain = snapshot(f.uri(f.plain()));
            int after = Sessions.queryInt(su, clients);

            for (JsonNode s : new JsonNode[] {monitor, plain}) {
                JsonNode events = StreamSupport.stream(s.get("partitions").spliterator(), false)
                        .filter(n -> n.get("name").asText().equals("app.events")).findFirst().orElseThrow();
                assertThat(events.get("default_rows").asLong()).isEqualTo(LeastPrivilege.DEFAULT_ROWS);
                assertThat(events.get("default_rows_note").asText())
                        .isEqualTo("≈ from statistics: counting needs SELECT on app.events_default");
                JsonNode bloat = s.get("bloat");
                assertThat(bloat.get("hidden_by_privileges").toString())
                        .contains("\"app.bloated: hidden by privileges: its column statistics need SELECT on app.bloated\"")
                        .contains("\"app.bloated_payload (index): hidden by privileges: its column statistics need SELECT on app.bloated\"");
                assertThat(bloat.get("tables").toString()).doesNotContain("\"app\",\"name\":\"bloated\"");
                assertThat(s.get("queues").get("problems").get(0).asText())
                        .endsWith("(streamvibe): hidden: needs SELECT on streamvibe.job_queue");
                if (before == after) {
                    // the snapshot's own reads (application pgdeck) are left out as on the screen
                    assertThat(s.get("connections").get("total").asInt()).isEqualTo(before);
                }
            }

            assertThat(monitor.get("statements").get("hidden_statements").asLong()).isZero();
            assertThat(monitor.get("connections").get("details_hidden").asInt()).isZero();
            assertThat(monitor.get("connections").get("coverage").isNull()).isTrue();

            JsonNode statements = plain.get("statements");
            assertThat(statements.get("available").asBoolean()).isTrue();
            assertThat(statements.get("hidden_statements").asLong()).isGreaterThanOrEqualTo(LeastPrivilege.OWNER_STATEMENTS);
            assertThat(statements.get("hint").asText()).startsWith(statements.get("hidden_statements").asLong()
                    + " statements of other roles hidden: GRANT pg_read_all_stats");
            statements.get("top").forEach(e -> assertThat(e.get("user").asText()).isEqualTo(f.plain()));
            JsonNode connections = plain.get("connections");
            assertThat(connections.get("by_user").get(f.owner()).asInt()).isEqualTo(2);
            assertThat(connections.get("details_hidden").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(connections.get("by_state").get("hidden").asInt()).isEqualTo(connections.get("details_hidden").asInt());
            assertThat(connections.get("coverage").asText()).startsWith("Covers only what this role sees");
            assertThat(plain.get("long_running").get("coverage").asText()).startsWith("Covers only what this role sees");

            // the owner may read its tables but not run pgstattuple (granted to pg_stat_scan_tables): said, not exit 2
            JsonNode owner = snapshot(f.uri(f.owner()));
            assertThat(owner.get("bloat").get("exact_hint").asText())
                    .isEqualTo("Exact bloat needs EXECUTE on pgstattuple: GRANT pg_stat_scan_tables (or pg_monitor) to this role.");
            assertThat(owner.get("bloat").get("hidden_by_privileges")).isEmpty();
            assertThat(owner.get("bloat").get("tables").get(0).get("table").get("name").asText()).isEqualTo("bloated");
            assertThat(owner.get("bloat").get("tables").get(0).get("estimated_wasted_bytes").asLong()).isPositive();

            CliRun text = CliRun.of(home, "snapshot", f.uri(f.plain()), "--interval", "0s");
            assertThat(text.exit()).as(text.toString()).isZero();
            assertThat(text.out()).containsPattern("\\d+ statements of other roles hidden: GRANT pg_read_all_stats")
                    .contains("Covers only what this role sees: ")
                    .contains("DEFAULT holds ≈ 500 rows (DEFAULT ≈ from statistics: counting needs SELECT on app.events_default)")
                    .contains("hidden by privileges: its column statistics need SELECT on app.bloated")
                    .contains("hidden: needs SELECT on streamvibe.job_queue");

            for (String role : new String[] {f.monitor(), f.plain()}) {
                CliRun check = CliRun.of(home, "check", f.uri(role));
                assertThat(check.exit()).as(check.toString()).isIn(Cli.EXIT_OK, Cli.EXIT_WARN);
                assertThat(check.err()).as(check.toString()).isEmpty();
                assertThat(check.out()).as(role)
                        .contains("app.events_default (DEFAULT) holds ≈ 500 rows (≈ from statistics: counting needs SELECT on app.events_default)")
                        .containsPattern("(?m)^OK    bloat .*; \\d+ relation\\(s\\) not judged, hidden by privileges")
                        .containsPattern("(?m)^OK    queues +not judged: .*\\(streamvibe\\): hidden: needs SELECT on streamvibe\\.job_queue$");
            }
        }
    }

    private JsonNode snapshot(String uri) throws Exception {
        CliRun run = CliRun.of(home, "snapshot", uri, "--json", "--interval", "0s");
        assertThat(run.exit()).as(run.toString()).isZero();
        return new ObjectMapper().readTree(run.out());
    }
}
