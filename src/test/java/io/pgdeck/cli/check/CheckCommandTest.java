package io.pgdeck.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.cli.Cli;
import io.pgdeck.cli.CliRun;
import io.pgdeck.cli.Sessions;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckCommandTest {

    @TempDir
    Path home;

    /**
     * A fresh database whose counters start now: creating it and its extensions read cold blocks,
     * which would (rightly) put its cache hit ratio under 99% on PostgreSQL 13; and so does the
     * check's own first read of its catalog once other tests (plans and planted insights load
     * millions of rows) have pushed those pages out of shared buffers: the check runs once first.
     * On 13 the statistics collector takes reports asynchronously, so a late report of those
     * sessions can land after the reset: the reset is repeated until, half a second later (the
     * interval at which backends report), the database's counters still show no cold read.
     */
    private String quietDatabase(TestPostgres pg) throws SQLException {
        String db = pg.freshDatabase().database();
        CliRun.of(home, "check", Sessions.uri(pg, db));
        try (Connection observer = pg.connect("postgres")) {
            await("the fixture's and the first check's sessions have left " + db).atMost(Duration.ofSeconds(10)).until(
                    () -> Sessions.queryInt(observer, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "'"),
                    n -> n == 0);
            pg.execute(db, "SELECT pg_stat_reset()");
            await("the counters of " + db + " start from the reset").atMost(Duration.ofSeconds(20))
                    .pollDelay(Duration.ofMillis(700)).pollInterval(Duration.ofMillis(700)).until(() -> {
                        int reads = Sessions.queryInt(observer, "SELECT blks_read FROM pg_stat_database WHERE datname = '"
                                + db + "'");
                        if (reads > 20) {
                            pg.execute(db, "SELECT pg_stat_reset()"); // a late report came in: again, and look next time
                        }
                        return reads <= 20;
                    });
        }
        return db;
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void quietDatabaseIsOk(TestPostgres pg) throws SQLException {
        String db = quietDatabase(pg);
        CliRun run = CliRun.of(home, "check", Sessions.uri(pg, db));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out().lines()).hasSize(11).allMatch(l -> l.startsWith("OK  "));
        assertThat(run.out()).contains("connections", "of 120 max_connections", "warn over 80%",
                "idle in transaction", "warn over 5 min 0 s", "cache hit ratio", "invalid indexes", "partitions",
                "replication", "replication slots", "wal archiving");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void anInvalidIndexWarns(TestPostgres pg) throws SQLException {
        String db = quietDatabase(pg);
        pg.execute(db, "CREATE TABLE twice (v int)", "INSERT INTO twice VALUES (1), (1)");
        try {
            pg.execute(db, "CREATE UNIQUE INDEX CONCURRENTLY twice_v ON twice (v)");
        } catch (IllegalStateException expected) {
            // the duplicate key fails the build and leaves the index invalid
        }
        CliRun run = CliRun.of(home, "check", Sessions.uri(pg, db));
        assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
        assertThat(run.out()).containsPattern("(?m)^WARN  invalid indexes +1: public\\.twice_v; drop or rebuild them$");
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void idleInTransactionOverThresholdWarns(TestPostgres pg) throws Exception {
        String db = quietDatabase(pg);
        try (Connection idle = Sessions.idleInTransaction(pg, db)) {
            int pid = Sessions.pid(idle);
            CliRun run = await("check warns about the idle transaction").atMost(Duration.ofSeconds(20)).until(
                    () -> CliRun.of(home, "check", Sessions.uri(pg, db), "--idle-in-transaction", "300ms"),
                    r -> r.out().contains("WARN  idle in transaction"));
            assertThat(run.exit()).isEqualTo(Cli.EXIT_WARN);
            assertThat(run.out()).containsPattern("(?m)^WARN  idle in transaction +oldest: pid " + pid
                    + " \\(postgres, pgdeck-test\\) idle for (\\d+ ms|\\d+\\.\\d s), warn over 300 ms$");
            assertThat(run.out()).containsPattern("(?m)^OK    connections");
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void connectionsOverThresholdWarn(TestPostgres pg) throws SQLException {
        String db = quietDatabase(pg);
        List<Connection> planted = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                planted.add(pg.connect(db));
            }
            assertThat(CliRun.of(home, "check", Sessions.uri(pg, db)).exit()).isZero();
            CliRun run = CliRun.of(home, "check", Sessions.uri(pg, db), "--connections-pct", "5");
            assertThat(run.exit()).as(run.toString()).isEqualTo(Cli.EXIT_WARN);
            assertThat(run.out()).containsPattern("(?m)^WARN  connections +1\\d of 120 max_connections \\(\\d+\\.\\d%\\), warn over 5%$");
        } finally {
            planted.forEach(c -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a test session
                }
            });
        }
    }
}
