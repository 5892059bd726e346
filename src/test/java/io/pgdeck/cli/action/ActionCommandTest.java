package io.pgdeck.cli.action;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.cli.Cli;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.StandbyServer;
import io.pgdeck.testing.TestPostgres;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** pgdeck action, through the same door as the window, against real servers. */
class ActionCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE orders (id int PRIMARY KEY, status text)",
            "INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 1000) g",
            "CREATE INDEX orders_status_idx ON orders (status)");

    @TempDir
    Path home;

    /** Runs the hook the command registers for Ctrl+C when the test says so, as the JVM would. */
    private final List<Thread> ctrlC = new CopyOnWriteArrayList<>();
    private final Interrupts hand = new Interrupts() {
        @Override
        public void onInterrupt(Thread hook) {
            ctrlC.add(hook);
        }

        @Override
        public void forget(Thread hook) {
            ctrlC.remove(hook);
        }
    };

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void dryRunPrintsTheExactSqlLockAndRiskAndChangesNothing(TestPostgres pg) throws Exception {
        long before = filenode(pg, "orders_status_idx");

        Run run = run(uri(pg), "reindex", "public.orders_status_idx", "--dry-run");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).contains("-- Reindex \"public\".\"orders_status_idx\"\n", "-- Lock: SHARE UPDATE EXCLUSIVE",
                "-- Risk: Builds a second copy of the index", "-- Runs: outside a transaction block",
                "REINDEX INDEX CONCURRENTLY \"public\".\"orders_status_idx\";");
        assertThat(run.err).isEmpty();
        assertThat(filenode(pg, "orders_status_idx")).isEqualTo(before);
        assertThat(Files.exists(audit().file())).as("nothing ran, nothing audited").isFalse();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void yesReindexesAndWritesTheAuditLine(TestPostgres pg) throws Exception {
        long before = filenode(pg, "orders_status_idx");

        Run run = run(uri(pg), "reindex", "orders_status_idx", "--yes");

        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).contains("REINDEX INDEX CONCURRENTLY \"public\".\"orders_status_idx\";")
                .containsPattern("(?m)^Reindexed: size .* before, .* after\\.$");
        assertThat(filenode(pg, "orders_status_idx")).isNotEqualTo(before);
        assertThat(audit().read()).singleElement().satisfies(entry -> {
            assertThat(entry.title()).isEqualTo("Reindex \"public\".\"orders_status_idx\"");
            assertThat(entry.sql()).contains("REINDEX INDEX CONCURRENTLY \"public\".\"orders_status_idx\";");
            assertThat(entry.outcome()).isEqualTo("SUCCEEDED");
            assertThat(entry.target()).contains(DB.name(pg));
        });
    }

    @Test
    void withoutDryRunOrYesItRefusesInOneSentence() {
        Run run = cli("action", "vacuum", uri(TestPostgres.NEWEST), "public.orders");

        assertThat(run.exit).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("pgdeck: pgdeck action vacuum changes the server: add --dry-run to print"
                + " what it would run, or --yes to run it." + System.lineSeparator());
    }

    @Test
    void cancelBackendStopsAPlantedQueryAndABadPidIsBadInput() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        try (Connection sleeper = DB.connect(pg)) {
            long pid;
            try (Statement st = sleeper.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
                try {
                    execute(sleeper, "SELECT pg_sleep(60)");
                } catch (SQLException cancelled) {
                    // what the test expects
                }
            });
            await("the planted query sleeps").atMost(WAIT).until(() -> queryLong(pg,
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND wait_event = 'PgSleep'"), n -> n == 1);

            Run run = run(uri(pg), "cancel-backend", Long.toString(pid), "--yes");

            assertThat(run.exit).as(run.toString()).isZero();
            assertThat(run.out).contains("select pg_catalog.pg_cancel_backend(" + pid + ");",
                    "Cancel signal sent to backend " + pid + ".");
            sleeping.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        Run bad = cli("action", "cancel-backend", uri(pg), "twelve", "--dry-run");
        assertThat(bad.exit).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
        assertThat(bad.err).startsWith("pgdeck: A backend is named by its pid, a number");
    }

    @Test
    void helpListsTheActionsAndDocumentsTheExitCodes() {
        Run help = cli("action", "--help");

        assertThat(help.exit).isZero();
        assertThat(help.out).contains("reindex", "vacuum", "analyze", "refresh-matview", "refresh-all-matviews",
                "create-partitions", "detach-partition", "cancel-backend", "terminate-backend", "reset-statement-stats",
                "queue-retry", "queue-cancel", "queue-delete", "queue-purge", "Exit codes: 0 done (or dry run), 1 the action failed or was cancelled,");
    }

    @Test
    void aWriteOnAStandbyIsRefusedWithExit2AndOneSentence() {
        try (StandbyServer pair = StandbyServer.start(TestPostgres.NEWEST)) {
            Run run = run(uri(pair.standbyPort(), StandbyServer.DATABASE), "analyze", "pg_catalog.pg_class", "--yes");

            assertThat(run.exit).as(run.toString()).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
            assertThat(run.out).isEmpty();
            assertThat(run.err).isEqualTo("pgdeck: This server is a standby: maintenance runs on the primary."
                    + System.lineSeparator());
            assertThat(Files.exists(audit().file())).isFalse();
        }
    }

    @Test
    void ctrlCCancelsAnActionBlockedBehindAHeldLock() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        try (Connection holder = DB.connect(pg)) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Run> running = CompletableFuture.supplyAsync(
                    () -> run(uri(pg), "analyze", "public.orders", "--yes"));
            await("the action waits for the held lock").atMost(WAIT).until(() -> waitingOnALock(pg), n -> n > 0);
            Thread hook = await("a Ctrl+C hook").atMost(WAIT).until(() -> ctrlC.isEmpty() ? null : ctrlC.get(0),
                    h -> h != null);

            hook.start();
            Run run = running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            hook.join(WAIT.toMillis());

            assertThat(run.exit).as(run.toString()).isEqualTo(ActionCommand.EXIT_FAILED);
            assertThat(run.err).contains("pgdeck: cancelling Analyze public.orders…",
                    "pgdeck: Analyze public.orders: Cancelled by the user.");
            assertThat(audit().read()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("CANCELLED"));
            assertThat(ctrlC).as("the hook is forgotten once the action ended").isEmpty();
            holder.rollback();
        }
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void partitionsDetachConcurrentlyWherePostgresAllowsIt(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        pg.execute(db, PartitionFixtures.schema());
        String uri = uri(pg.port(), db);

        Run noDefault = run(uri, "detach-partition", "sessions_p3", "--dry-run");
        assertThat(noDefault.exit).as(noDefault.toString()).isZero();
        assertThat(noDefault.out).contains("ALTER TABLE \"public\".\"sessions\" DETACH PARTITION \"public\".\"sessions_p3\""
                + (serverVersion(pg) >= 14 ? " CONCURRENTLY;" : ";"));

        Run withDefault = run(uri, "detach-partition", "public.events_" + PartitionFixtures.suffix(-3), "--dry-run");
        assertThat(withDefault.out).contains("DETACH PARTITION \"public\".\"events_" + PartitionFixtures.suffix(-3) + "\";");

        Run create = run(uri, "create-partitions", "events", "--next", "2", "--dry-run");
        assertThat(create.exit).as(create.toString()).isZero();
        assertThat(create.out).containsPattern("-- Create 2 partitions .* of \"public\".\"events\"");
        Run nothing = cli("action", "create-partitions", uri, "sessions", "--dry-run");
        assertThat(nothing.exit).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
        assertThat(nothing.err).startsWith("pgdeck: public.sessions has no regular time interval");
    }

    @Test
    void queueRetryRunsAFailedSeedJobAgain() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        String db = seedQueue(pg);
        String uri = uri(pg.port(), db);
        String failed = "00000000-0000-0000-0000-000000000008";

        Run unknown = cli("action", "queue-retry", uri, "--installation", "River:public", "--job", failed, "--yes");
        assertThat(unknown.exit).as(unknown.toString()).isEqualTo(Cli.EXIT_CANNOT_CONNECT);
        assertThat(unknown.err).isEqualTo("pgdeck: No queue installation River:public here; pgdeck finds:"
                + " job_queue:streamvibe." + System.lineSeparator());

        Run run = run(uri, "queue-retry", "--installation", "job_queue:streamvibe", "--job", failed, "--yes");
        assertThat(run.exit).as(run.toString()).isZero();
        assertThat(run.out).contains("update \"streamvibe\".\"job_queue\"", "1 job back to pending.");
        try (Connection c = pg.connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status FROM streamvibe.job_queue WHERE id = '" + failed + "'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("pending");
        }
        assertThat(audit().read()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void queueDeleteTakesJobsNotRunningAndThePurgeDeletesOldFinishedJobsInBatches() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        String db = seedQueue(pg);
        pg.execute(db, "INSERT INTO streamvibe.job_queue (user_id, job_type, status, retry_count, completed_at)"
                + " SELECT gen_random_uuid(), 'sync_youtube', 'failed', 3, now() - interval '40 days'"
                + " FROM generate_series(1, 2500); ANALYZE streamvibe.job_queue");
        String uri = uri(pg.port(), db);
        String queue = "job_queue:streamvibe";
        String completed = "00000000-0000-0000-0000-00000000000d";
        String processing = "00000000-0000-0000-0000-000000000006";

        Run delete = run(uri, "queue-delete", "--installation", queue, "--job", completed + "," + processing, "--yes");
        assertThat(delete.exit).as(delete.toString()).isZero();
        assertThat(delete.out).contains("delete from \"streamvibe\".\"job_queue\"", "1 job deleted.");
        assertThat(queryLong(pg, db, "SELECT count(*) FROM streamvibe.job_queue WHERE id IN ('" + completed + "', '"
                + processing + "')")).as("the processing job is left").isEqualTo(1);

        Run badAge = cli("action", "queue-purge", uri, "--installation", queue, "--older-than", "30 days", "--dry-run");
        assertThat(badAge.exit).as(badAge.toString()).isEqualTo(ActionCommand.EXIT_REFUSED);
        assertThat(badAge.err).startsWith("pgdeck: --older-than takes a number of days, hours or minutes");

        Run dry = run(uri, "queue-purge", "--installation", queue, "--older-than", "30d", "--dry-run");
        assertThat(dry.exit).as(dry.toString()).isZero();
        assertThat(dry.out).contains("-- Delete 2,500 jobs matching the filter in job_queue (streamvibe)\n",
                "-- Runs: each statement in a transaction of its own.", "delete from \"streamvibe\".\"job_queue\"",
                "fetch next 1000 rows only for update skip locked");
        assertThat(dry.out.split("delete from", -1)).as("2,500 jobs: 3 batches and one for jobs that became eligible")
                .hasSize(5);
        assertThat(queryLong(pg, db, "SELECT count(*) FROM streamvibe.job_queue")).isEqualTo(2514);

        Run purge = run(uri, "queue-purge", "--installation", queue, "--older-than", "30d", "--yes");
        assertThat(purge.exit).as(purge.toString()).isZero();
        assertThat(purge.out).contains("2,500 jobs deleted.");
        assertThat(purge.err).contains("pgdeck: batch: 1 of 4 · 1,000 jobs deleted.", "pgdeck: batch: 4 of 4 · 2,500 jobs deleted.");
        assertThat(queryLong(pg, db, "SELECT count(*) FROM streamvibe.job_queue WHERE status = 'failed'"))
                .as("the three recent failures stay").isEqualTo(3);

        Run finished = run(uri, "queue-purge", "--installation", queue, "--older-than", "30m", "--include-done", "--yes");
        assertThat(finished.exit).as(finished.toString()).isZero();
        assertThat(finished.out).as("completed 2 hours ago and cancelled 1 hour ago").contains("2 jobs deleted.");
        assertThat(audit().read()).hasSize(3).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("SUCCEEDED"));
    }

    /** A fresh database with the seed's job_queue, jobs in every state. */
    private String seedQueue(TestPostgres pg) throws Exception {
        String db = pg.freshDatabase().database();
        try (InputStream in = getClass().getResourceAsStream("/io/pgdeck/queue/seed_job_queue.sql")) {
            pg.execute(db, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return db;
    }

    /** As the launcher runs it, with pgdeck's own problem handlers. */
    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new PrintWriter(out), new PrintWriter(err), new ProfileResolver(Map.of(), home), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The real thing: pgdeck in a JVM of its own, stopped by a signal while its action waits for
     * a held lock. SIGTERM runs the same shutdown hooks as Ctrl+C's SIGINT.
     */
    @Test
    void aSignalToTheProcessCancelsTheActionAndTheAuditLineIsWritten() throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        Path config = home.resolve("config");
        Path stderr = home.resolve("stderr.txt");
        try (Connection holder = DB.connect(pg)) {
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            Process pgdeck = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dpgdeck.config.dir=" + config,
                    "io.pgdeck.app.Launcher", "action", "vacuum", uri(pg), "public.orders", "--yes")
                    .redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                await("the action waits for the held lock").atMost(WAIT).until(() -> waitingOnALock(pg), n -> n > 0);
                pgdeck.destroy();
                assertThat(pgdeck.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(pgdeck.exitValue()).as("128 + SIGTERM, as the shell reports a signal").isEqualTo(143);
            } finally {
                pgdeck.destroyForcibly();
            }
            holder.rollback();
        }
        assertThat(Files.readString(stderr)).contains("pgdeck: cancelling Vacuum public.orders…",
                "pgdeck: Vacuum public.orders: Cancelled by the user.");
        assertThat(new AuditLog(config.resolve("audit.log")).read()).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("CANCELLED"));
        assertThat(waitingOnALock(pg)).isZero();
    }

    private Run run(String connection, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = args[0];
        all[1] = connection;
        System.arraycopy(args, 1, all, 2, args.length - 1);
        int exit = new CommandLine(new ActionCommand(new ProfileResolver(Map.of(), home), audit(), hand))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private AuditLog audit() {
        return new AuditLog(home.resolve("audit.log"));
    }

    private static String uri(TestPostgres pg) {
        return uri(pg.port(), DB.name(pg));
    }

    private static String uri(int port, String database) {
        return "postgresql://postgres@localhost:" + port + "/" + database + "?sslmode=disable";
    }

    private static long filenode(TestPostgres pg, String relation) throws SQLException {
        return queryLong(pg, "SELECT pg_relation_filenode('public." + relation + "')");
    }

    private static long serverVersion(TestPostgres pg) throws SQLException {
        return queryLong(pg, "SELECT current_setting('server_version_num')::int / 10000");
    }

    private static long waitingOnALock(TestPostgres pg) throws SQLException {
        return queryLong(pg, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgdeck-action'"
                + " AND wait_event_type = 'Lock'");
    }

    private static long queryLong(TestPostgres pg, String database, String sql) throws SQLException {
        try (Connection c = pg.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long queryLong(TestPostgres pg, String sql) throws SQLException {
        try (Connection c = DB.connect(pg); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
