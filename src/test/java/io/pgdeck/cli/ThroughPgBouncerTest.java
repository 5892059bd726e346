package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.catalog.StatementsReader;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.sample.Sample;
import io.pgdeck.sample.Sampler;
import io.pgdeck.testing.LiveFeed;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user found with pgdeck 1 behind PgBouncer in transaction mode: an application writing
 * through the same two server connections as the sampler and every command must see no error,
 * and every server connection must keep PostgreSQL's defaults afterwards.
 */
class ThroughPgBouncerTest {

    private static final int WRITERS = 4;
    private static final int SERVER_CONNECTIONS = 2;
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bouncer-test-writer");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path home;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void samplerAndCommandsLeaveNothingBehindForTheApplication(TestPostgres pg) throws Exception {
        ConnectionProfile db = pg.freshDatabase();
        pg.execute(db.database(), "CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),"
                + " payload text)", "CREATE INDEX ON events (at)");
        try (PgBouncerServer bouncer = PgBouncerServer.builder(pg.port())
                .set("default_pool_size", Integer.toString(SERVER_CONNECTIONS)).start()) {
            String uri = "postgresql://postgres@localhost:" + bouncer.port() + "/" + db.database() + "?sslmode=disable";
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> clientErrors = new ConcurrentLinkedQueue<>();
            AtomicInteger inserts = new AtomicInteger();
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(CLIENTS.submit(() -> write(bouncer, db.database(), stop, inserts, clientErrors)));
            }
            ConcurrentLinkedQueue<String> samplerErrors = new ConcurrentLinkedQueue<>();
            AtomicInteger samples = new AtomicInteger();
            try (Target target = pg.openTarget(bouncer.profile(db.database(), "postgres"));
                 Sampler sampler = new Sampler(Duration.ofMillis(200))) {
                assertThat(target.pooled()).isTrue();
                scheduleAsSessionDoes(target, sampler, s -> {
                    samples.incrementAndGet();
                    if (s.error() != null) {
                        samplerErrors.add(s.error().toString());
                    }
                });
                sampler.start();
                List<CliRun> runs = List.of(
                        CliRun.of(home, "snapshot", uri, "--json"),
                        CliRun.of(home, "check", uri),
                        CliRun.of(home, "explain", uri, "--analyze", "--json", "SELECT count(*) FROM events"),
                        CliRun.of(home, "explain", uri, "--pooled", "SELECT * FROM events WHERE at > now() - interval '1 minute'"));
                await("the sampler ran every reader a few times").atMost(Duration.ofSeconds(30)).until(() -> samples.get() > 60 && inserts.get() > 100);
                sampler.close();
                stop.set(true);
                for (Future<?> w : writers) {
                    w.get(20, TimeUnit.SECONDS);
                }

                assertThat(clientErrors).as("the application's errors").isEmpty();
                assertThat(samplerErrors).as("the sampler's errors").isEmpty();
                assertThat(new ObjectMapper().readTree(runs.get(0).out()).get("server")).isNotNull();
                for (CliRun run : runs) {
                    assertThat(run.exit()).as(run.toString()).isIn(Cli.EXIT_OK, Cli.EXIT_WARN);
                    assertThat(run.err()).as(run.toString()).isEmpty();
                    assertThat(run.out()).doesNotContain("prepared statement");
                }
                bouncer.assertNothingLeftOnServerConnections(db.database(), SERVER_CONNECTIONS);
                try (Connection direct = pg.connect(db.database()); Statement st = direct.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                             + " AND state LIKE 'idle in transaction%'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("server connections left in a transaction").isZero();
                }
                printRefreshCost(pg, db, target);
            }
        }
    }

    /** The readers and cadences of app/Session, each at every tick here. */
    private static void scheduleAsSessionDoes(Target target, Sampler sampler, Consumer<Sample<?>> sink) {
        ServerReader server = new ServerReader(target);
        IndexReader index = new IndexReader(target);
        QueueMonitor queues = new QueueMonitor(target, List::of, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
        LiveFeed.every(sampler, 1, "server info", server::info, sink::accept);
        LiveFeed.every(sampler, 1, "database stats", server::databaseStats, sink::accept);
        LiveFeed.every(sampler, 1, "activity", new ActivityReader(target)::backends, sink::accept);
        LiveFeed.every(sampler, 1, "statements", new StatementsReader(target)::top, sink::accept);
        LiveFeed.every(sampler, 1, "database sizes", server::databaseSizes, sink::accept);
        LiveFeed.every(sampler, 1, "bloat estimates", new BloatReader(target)::estimates, sink::accept);
        LiveFeed.every(sampler, 1, "vacuum status", new VacuumReader(target)::status, sink::accept);
        LiveFeed.every(sampler, 1, "index definitions", index::definitions, sink::accept);
        LiveFeed.every(sampler, 1, "table scans", index::tableScans, sink::accept);
        LiveFeed.every(sampler, 1, "index usage", index::usage, sink::accept);
        LiveFeed.every(sampler, 1, "partitions", new PartitionReader(target)::sets, sink::accept);
        LiveFeed.every(sampler, 1, "materialized views", new MatviewReader(target)::matviews, sink::accept);
        LiveFeed.every(sampler, 1, "job queues", queues::read, sink::accept);
    }

    /**
     * The figure: server time of one refresh of the live counters (what runs every second) and of
     * every reader, through the bouncer, from pg_stat_statements.
     */
    private static void printRefreshCost(TestPostgres pg, ConnectionProfile db, Target target) throws Exception {
        ServerReader server = new ServerReader(target);
        ActivityReader activity = new ActivityReader(target);
        StatementsReader statements = new StatementsReader(target);
        statements.top();
        try (Connection direct = pg.connect(db.database()); Statement st = direct.createStatement()) {
            st.execute("SELECT pg_stat_statements_reset()");
            long t0 = System.nanoTime();
            server.databaseStats();
            activity.backends();
            statements.top();
            long wall = System.nanoTime() - t0;
            try (ResultSet rs = st.executeQuery("SELECT sum(total_exec_time + total_plan_time), sum(calls)"
                    + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND query NOT LIKE '%pg_stat_statements_reset%'")) {
                rs.next();
                System.out.printf("FIGURE %s through PgBouncer: one 1-second refresh (stats, activity, statements):"
                        + " %.2f ms server time in %d statements (the readers' queries and one set_config per borrow), %.1f ms wall%n",
                        pg, rs.getDouble(1), rs.getLong(2), wall / 1e6);
            }
        }
    }

    private static void write(PgBouncerServer bouncer, String database, AtomicBoolean stop, AtomicInteger inserts,
                              ConcurrentLinkedQueue<String> errors) {
        try (Connection c = bouncer.connectAsApplication(database); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                try {
                    st.executeUpdate("INSERT INTO events (payload) VALUES ('x')");
                    st.executeUpdate("INSERT INTO events (payload) VALUES ('y')");
                    c.commit();
                    inserts.addAndGet(2);
                } catch (SQLException e) {
                    errors.add(e.getMessage());
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            errors.add(e.getMessage());
        }
    }
}
