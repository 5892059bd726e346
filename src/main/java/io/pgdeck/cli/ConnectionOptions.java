package io.pgdeck.cli;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.HostPort;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.RedisSource;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where to connect, taken as psql takes it: a connection string, then flags that win over it;
 * whatever neither gives comes from pg_service.conf, PG* variables and ~/.pgpass.
 */
public final class ConnectionOptions {

    /** A one-shot command needs little: two connections, and an answer or an error within seconds. */
    public static final TargetOptions TARGET_OPTIONS = new TargetOptions(2, Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(1));

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONNECTION", description = {
            "postgresql://user@host:port/db?sslmode=..., jdbc:postgresql://host/db, "
                    + "'host=... dbname=...' or a database name. Default: PG* variables."})
    String connection;

    @Option(names = "--service", paramLabel = "NAME", description = "Service from pg_service.conf.")
    String service;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Server host.")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Server port.")
    Integer port;

    @Option(names = {"-d", "--dbname"}, paramLabel = "DB", description = "Database name.")
    String dbname;

    @Option(names = {"-U", "--username"}, paramLabel = "USER", description = "Database user. The password comes from"
            + " the connection string, PGPASSWORD or ~/.pgpass.")
    String username;

    @Option(names = "--pooled", description = "A transaction pooler (PgBouncer) is at this address: pgdeck keeps"
            + " every setting inside its own transactions and prepares no statement on the server. Default: ask"
            + " PgBouncer's admin console on the same address.")
    boolean pooled;

    @Option(names = "--no-pooler", description = "PostgreSQL itself is at this address: do not ask for a pooler.")
    boolean noPooler;

    @Option(names = "--direct", paramLabel = "HOST:PORT", description = "PostgreSQL behind the pooler (same database,"
            + " user and password), for the actions that need a session of their own: VACUUM, ... CONCURRENTLY.")
    String direct;

    @Option(names = "--redis", paramLabel = "URL", description = {"A Redis whose BullMQ queues are shown beside the"
            + " database's: redis://[:password@]host:port[/db]. Repeatable. Without a password in it, REDISCLI_AUTH's."})
    List<String> redis = List.of();

    @Option(names = "--bull-prefix", paramLabel = "PREFIX", description = "The prefix BullMQ was given (default: bull).")
    String bullPrefix;

    /**
     * The positional argument, taken away so the connection comes from elsewhere: for a command
     * whose lone positional picocli gave to CONNECTION although it is something else.
     */
    public String takeConnectionArgument() {
        String given = connection;
        connection = null;
        return given;
    }

    /** Resolves and connects; warnings of the resolver (an unsafe ~/.pgpass...) go to {@code err}. */
    public Target open(ProfileResolver resolver, PrintWriter err) {
        ConnectionProfile resolved = resolver.withWarnings(w -> err.println("pgdeck: warning: " + w))
                .resolve(connection, flags());
        ConnectionProfile profile = resolved.withPooler(pooler(resolved.pooler()))
                .withRedis(redis.stream().map(url -> new RedisSource(url, bullPrefix)).toList());
        try {
            return Target.open(profile, TARGET_OPTIONS);
        } catch (SQLException e) {
            throw new CannotConnectException(Problems.describe(e, profile), e);
        }
    }

    /** The flags win over what the connection string says (pgbouncer=true). */
    private Pooler pooler(Pooler given) {
        if (pooled && noPooler) {
            throw new IllegalArgumentException("Give --pooled or --no-pooler, not both.");
        }
        Pooler pooler = pooled ? given.withMode(Pooler.Mode.POOLED) : noPooler ? given.withMode(Pooler.Mode.DIRECT) : given;
        if (direct != null) {
            HostPort.parse(direct); // one sentence now rather than a failed action later
            pooler = pooler.withDirectAddress(direct);
        }
        return pooler;
    }

    private Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("service", service);
        flags.put("host", host);
        flags.put("port", port == null ? null : port.toString());
        flags.put("dbname", dbname);
        flags.put("user", username);
        return flags;
    }
}
