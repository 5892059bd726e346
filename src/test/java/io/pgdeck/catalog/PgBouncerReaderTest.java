package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.AdminConsole;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.sample.BouncerRates;
import io.pgdeck.testing.HeldTransactions;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin console of a real PgBouncer (Debian's 1.18) in transaction mode in front of PostgreSQL 17. */
class PgBouncerReaderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final TestPostgres PG = TestPostgres.NEWEST;
    private static String database;

    @BeforeAll
    static void database() {
        database = PG.freshDatabase().database();
    }

    private static Connection client(PgBouncerServer bouncer) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PgBouncerServer.ADMIN);
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + bouncer.port() + "/" + database, props);
    }

    @Test
    void readsPoolsStatsClientsServersAndConfigAsTheStatsUser() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).set("default_pool_size", "7")
                .set("max_client_conn", "150").start();
             Connection app = client(bouncer); Statement st = app.createStatement();
             PgBouncerReader reader = new PgBouncerReader(bouncer.adminProfile(PgBouncerServer.STATS))) {
            st.execute("SELECT 1");
            PgBouncerRead read = reader.read();
            assertThat(read.version()).startsWith("PgBouncer 1.");
            BouncerPool pool = read.pools().stream().filter(p -> p.database().equals(database)).findFirst().orElseThrow();
            assertThat(pool.user()).isEqualTo(PgBouncerServer.ADMIN);
            assertThat(pool.poolMode()).isEqualTo("transaction");
            assertThat(pool.clientsActive()).isEqualTo(1);
            assertThat(pool.clientsWaiting()).isZero();
            assertThat(pool.servers()).isEqualTo(1);
            assertThat(read.stats()).anySatisfy(s -> {
                assertThat(s.database()).isEqualTo(database);
                assertThat(s.queries()).isPositive();
                assertThat(s.transactions()).isPositive();
            });
            assertThat(read.clients()).anySatisfy(c -> {
                assertThat(c.user()).isEqualTo(PgBouncerServer.STATS);
                assertThat(c.database()).isEqualTo("pgbouncer");
            });
            assertThat(read.clients()).anySatisfy(c -> assertThat(c.database()).isEqualTo(database));
            assertThat(read.servers()).anySatisfy(s -> {
                assertThat(s.database()).isEqualTo(database);
                assertThat(s.port()).isEqualTo(PG.port());
            });
            assertThat(read.maxClientConn()).isEqualTo(150);
            assertThat(read.defaultPoolSize()).isEqualTo(7);
            assertThat(read.poolSize(database)).isEqualTo(7);
            assertThat(read.setting("pool_mode")).contains("transaction");
            assertThat(read.databases()).anySatisfy(d -> assertThat(d.name()).isEqualTo(database));
            assertThat(PgBouncerWarning.of(read, PgBouncerThresholds.defaults())).isEmpty();
        }
    }

    @Test
    void theColumnsOfTheRealBouncerAreTheOnesItsVersionIsMappedTo() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).start();
             Connection console = AdminConsole.open(bouncer.adminProfile(PgBouncerServer.STATS), Duration.ofSeconds(5))) {
            PgBouncerVersion version = PgBouncerVersion.parse(columnsAndFirst(console, "SHOW VERSION").get(1));
            assertThat(columns(console, "SHOW POOLS")).isEqualTo(version.poolColumns());
            assertThat(columns(console, "SHOW STATS")).isEqualTo(version.statsColumns());
            assertThat(columns(console, "SHOW DATABASES")).isEqualTo(version.databaseColumns());
            assertThat(columns(console, "SHOW CLIENTS")).isEqualTo(version.socketColumns());
            assertThat(columns(console, "SHOW SERVERS")).isEqualTo(version.socketColumns());
        }
    }

    @Test
    void aFullPoolMakesClientsWaitAndWarns() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).set("default_pool_size", "2").start();
             PgBouncerReader reader = new PgBouncerReader(bouncer.adminProfile(PgBouncerServer.STATS));
             HeldTransactions held = HeldTransactions.start(bouncer, database, PgBouncerServer.ADMIN, 5)) {
            BouncerPool first = await("three clients waiting").atMost(PATIENCE).until(() -> pool(reader.read()),
                    p -> p != null && p.clientsWaiting() == 3);
            assertThat(first.clientsActive()).isEqualTo(2);
            assertThat(first.servers()).isEqualTo(2);
            BouncerPool later = await("the oldest waits over 1.5 s").atMost(PATIENCE).until(() -> pool(reader.read()),
                    p -> p.maxWait().compareTo(Duration.ofMillis(1500)) > 0);
            assertThat(later.maxWait()).isGreaterThan(first.maxWait());
            List<PgBouncerWarning> warnings = PgBouncerWarning.of(reader.read(),
                    new PgBouncerThresholds(Duration.ofSeconds(1), 100, 80));
            assertThat(warnings).extracting(PgBouncerWarning::kind)
                    .contains(PgBouncerWarning.Kind.CLIENTS_WAITING, PgBouncerWarning.Kind.POOL_FULL)
                    .doesNotContain(PgBouncerWarning.Kind.CLIENT_CONNECTIONS);
            assertThat(warnings).extracting(PgBouncerWarning::sentence)
                    .anySatisfy(s -> assertThat(s).startsWith("Pool " + database + "/postgres: 3 client(s) waiting"))
                    .anySatisfy(s -> assertThat(s).contains("holds 2 of its pool_size of 2 server connections"));
            // max_client_conn 100: six clients (five and the console) pass 5 %
            assertThat(PgBouncerWarning.of(reader.read(), new PgBouncerThresholds(Duration.ofMinutes(1), 100, 5)))
                    .extracting(PgBouncerWarning::sentence).contains("6 client connections of max_client_conn 100 (6%, warn at 5%).");
        }
    }

    @Test
    void ratesMatchTheQueriesRunThroughTheBouncer() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).start();
             Connection app = client(bouncer); Statement st = app.createStatement();
             PgBouncerReader reader = new PgBouncerReader(bouncer.adminProfile(PgBouncerServer.STATS))) {
            st.execute("SELECT 1");
            List<BouncerStats> before = reader.stats();
            Instant beforeAt = Instant.now();
            int queries = 150;
            for (int i = 0; i < queries; i++) {
                st.execute("SELECT pg_sleep(0.002)");
            }
            List<BouncerStats> after = reader.stats();
            Instant afterAt = Instant.now();
            BouncerRates rates = BouncerRates.between(before, beforeAt, after, afterAt).stream()
                    .filter(r -> r.database().equals(database)).findFirst().orElseThrow();
            double seconds = Duration.between(beforeAt, afterAt).toNanos() / 1e9;
            assertThat(rates.queriesPerSecond() * seconds).isCloseTo(queries, within(1.0));
            assertThat(rates.transactionsPerSecond() * seconds).isCloseTo(queries, within(1.0));
            // each query sleeps 2 ms on the server: the average is at least that, and not ten times more
            assertThat(rates.avgQueryMicros()).isBetween(2_000.0, 20_000.0);
            assertThat(rates.avgTransactionMicros()).isGreaterThanOrEqualTo(rates.avgQueryMicros());
            assertThat(rates.avgWaitMicros()).isGreaterThanOrEqualTo(0.0);
        }
    }

    @Test
    void aUserTheConsoleRefusesGetsTheLineToAdd() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).users("alice").start();
             PgBouncerSource source = PgBouncerSource.configured(bouncer.adminProfile("alice"))) {
            PgBouncerReading reading = source.read();
            assertThat(reading.available()).isFalse();
            assertThat(reading.unavailable()).isEqualTo("PgBouncer at localhost:" + bouncer.port() + " refuses user"
                    + " \"alice\" on its admin console (not allowed), so add it to pgbouncer.ini as stats_users = alice"
                    + " (or admin_users) and reload PgBouncer.");
        }
    }

    @Test
    void aTargetThatIsABouncerHasItsConsoleFound() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).start();
             Target target = Target.open(bouncer.profile(database, PgBouncerServer.ADMIN), TargetOptions.defaults());
             PgBouncerSource source = PgBouncerSource.discover(target)) {
            PgBouncerReading reading = source.read();
            assertThat(reading.unavailable()).isNull();
            assertThat(reading.console()).isEqualTo("postgres@localhost:" + bouncer.port() + "/pgbouncer");
            assertThat(reading.read().pools()).isNotEmpty();
        }
    }

    @Test
    void aTargetThatIsPostgresItselfIsNotAskedForAConsole() throws Exception {
        ConnectionProfile direct = PG.profile(database);
        try (Target target = PG.openTarget(direct); PgBouncerSource source = PgBouncerSource.discover(target)) {
            assertThat(source.read().unavailable()).isEqualTo(PgBouncerSource.HOW_TO_CONFIGURE);
            assertThat(source.read().unavailable()).isEqualTo(PgBouncerSource.HOW_TO_CONFIGURE);
            assertThat(source.reader()).isEmpty();
        }
    }

    private static BouncerPool pool(PgBouncerRead read) {
        return read.pools().stream().filter(p -> p.database().equals(database)).findFirst().orElse(null);
    }

    private static List<String> columns(Connection c, String show) throws SQLException {
        return columnsAndFirst(c, show).subList(0, columnCount(c, show));
    }

    private static int columnCount(Connection c, String show) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(show)) {
            return rs.getMetaData().getColumnCount();
        }
    }

    /** The column names, then the first row's first value (or nothing when there is no row). */
    private static List<String> columnsAndFirst(Connection c, String show) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(show)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                out.add(meta.getColumnName(i));
            }
            if (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
