package io.pgdeck.testing;

import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}, which {@code .ci/run} installs) started on a free
 * port in front of a test server, in transaction pooling as seeds 000 and 002 configure it, and
 * stopped on close. Authentication is {@code trust} against the bouncer's own user list; the
 * server behind it trusts local connections too.
 *
 * <p>{@code ignore_startup_parameters = extra_float_digits} is there because the JDBC driver
 * sends that parameter in every startup packet and PgBouncer refuses unknown ones: every JDBC
 * application behind PgBouncer has this line.
 */
public final class PgBouncerServer implements AutoCloseable {

    /** The user in {@code admin_users}: may run every admin console command. */
    public static final String ADMIN = "postgres";
    /** A user in {@code stats_users} only: SHOW commands on the admin console, nothing else. */
    public static final String STATS = "pgdeck_stats";

    private final Path dir;
    private final int port;
    private final Process process;

    private PgBouncerServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** A bouncer in transaction mode in front of {@code server}, with the default pool sizes. */
    public static PgBouncerServer inFrontOf(TestPostgres server, String... users) {
        return builder(server.port()).users(users).start();
    }

    public static Builder builder(int serverPort) {
        return new Builder(serverPort);
    }

    /** Whether this machine has PgBouncer; tests that need it fail (not skip) without it in CI. */
    public static boolean installed() {
        return Files.isExecutable(binary());
    }

    private static Path binary() {
        for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return Path.of("/usr/sbin/pgbouncer");
    }

    public int port() {
        return port;
    }

    /** A profile that reaches {@code database} as {@code user} through the bouncer. */
    public ConnectionProfile profile(String database, String user) {
        return new ConnectionProfile(null, "localhost", port, database, user, null, "disable");
    }

    /** A profile for the admin console, the virtual database {@code pgbouncer}. */
    public ConnectionProfile adminProfile(String user) {
        return profile("pgbouncer", user);
    }

    /** A JDBC client as an application behind PgBouncer in transaction mode configures it. */
    public java.sql.Connection connectAsApplication(String database) throws java.sql.SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", ADMIN);
        props.setProperty("prepareThreshold", "0");
        props.setProperty("ApplicationName", "app");
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, props);
    }

    /**
     * Holds {@code serverConnections} transactions open through the bouncer at once, so each is on
     * a server connection of its own, and asserts that none carries what pgdeck must not leave
     * behind: read-only, time-outs, prepared statements.
     */
    public void assertNothingLeftOnServerConnections(String database, int serverConnections) throws Exception {
        List<java.sql.Connection> clients = new ArrayList<>();
        try {
            List<Integer> pids = new ArrayList<>();
            for (int i = 0; i < serverConnections; i++) {
                java.sql.Connection c = connectAsApplication(database);
                clients.add(c);
                c.setAutoCommit(false);
                try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                        "SELECT pg_backend_pid(), current_setting('default_transaction_read_only'),"
                                + " current_setting('statement_timeout'), current_setting('lock_timeout'),"
                                + " current_setting('transaction_read_only'), (SELECT count(*) FROM pg_prepared_statements)")) {
                    rs.next();
                    pids.add(rs.getInt(1));
                    org.assertj.core.api.Assertions.assertThat(List.of(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getString(6)))
                            .as("settings on server connection " + rs.getInt(1)).containsExactly("off", "0", "0", "off", "0");
                }
            }
            org.assertj.core.api.Assertions.assertThat(pids).doesNotHaveDuplicates();
        } finally {
            // rolled back before closing: a client that only disconnects leaves its server connection
            // idle in transaction until PgBouncer gets round to it, and the caller may check just then
            for (java.sql.Connection c : clients) {
                c.rollback();
                c.close();
            }
        }
    }

    /** The bouncer's log, for a failing test to show. */
    public String log() {
        try {
            Path log = dir.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Knobs of pgbouncer.ini the tests vary; everything else is as the seeds configure it. */
    public static final class Builder {
        private final int serverPort;
        private final List<String> users = new ArrayList<>(List.of(ADMIN, STATS));
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder(int serverPort) {
            this.serverPort = serverPort;
            settings.put("pool_mode", "transaction");
            settings.put("default_pool_size", "5");
            settings.put("max_client_conn", "100");
            settings.put("admin_users", ADMIN);
            settings.put("stats_users", STATS);
            settings.put("ignore_startup_parameters", "extra_float_digits");
            settings.put("server_reset_query", "DISCARD ALL");
            settings.put("stats_period", "1");
        }

        /** More roles PgBouncer lets in (each must exist on the server to get a server connection). */
        public Builder users(String... more) {
            users.addAll(List.of(more));
            return this;
        }

        /** Any other pgbouncer.ini setting of the [pgbouncer] section. */
        public Builder set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public PgBouncerServer start() {
            if (!installed()) {
                throw new IllegalStateException("PgBouncer is not installed (apt-get install pgbouncer; .ci/run does it)");
            }
            try {
                Path dir = Files.createTempDirectory("pgdeck-pgbouncer");
                int port = freePort();
                StringBuilder ini = new StringBuilder();
                ini.append("[databases]\n* = host=127.0.0.1 port=").append(serverPort).append('\n');
                ini.append("[pgbouncer]\n");
                ini.append("listen_addr = 127.0.0.1\nlisten_port = ").append(port).append('\n');
                ini.append("unix_socket_dir =\n");
                ini.append("auth_type = trust\nauth_file = ").append(dir.resolve("users.txt")).append('\n');
                ini.append("logfile = ").append(dir.resolve("pgbouncer.log")).append('\n');
                settings.forEach((k, v) -> ini.append(k).append(" = ").append(v).append('\n'));
                boolean root = "root".equals(System.getProperty("user.name"));
                if (root) {
                    // PgBouncer refuses to run as root; it drops to this user after reading its files
                    ini.append("user = nobody\n");
                }
                Files.writeString(dir.resolve("pgbouncer.ini"), ini);
                StringBuilder list = new StringBuilder();
                users.stream().distinct().forEach(u -> list.append('"').append(u).append("\" \"\"\n"));
                Files.writeString(dir.resolve("users.txt"), list);
                if (root) {
                    new ProcessBuilder("chown", "-R", "nobody", dir.toString()).inheritIO().start().waitFor();
                }
                Process process = new ProcessBuilder(binary().toString(), dir.resolve("pgbouncer.ini").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("stdout.txt").toFile())
                        .start();
                PgBouncerServer server = new PgBouncerServer(dir, port, process);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                awaitListening(server, process, Duration.ofSeconds(15));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void awaitListening(PgBouncerServer server, Process process, Duration timeout) {
            await("PgBouncer listening on " + server.port + " (" + server.dir + ")").atMost(timeout).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("PgBouncer exited: " + server.log());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.port), 200);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
