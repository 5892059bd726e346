package io.pgdeck.connect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a DBA already uses with psql into a {@link ConnectionProfile}, layered as libpq
 * layers it: values given explicitly, then the service's entries from pg_service.conf, then the
 * PG* environment variables, then the defaults. A password that none of these gives is looked up
 * in the password file. Bad input fails with an {@link IllegalArgumentException} whose message is
 * one sentence that never quotes a password.
 */
public final class ProfileResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileResolver.class);
    /** libpq keyword to the environment variable that gives it when nothing else does. */
    private static final Map<String, String> VARIABLE_OF = Map.ofEntries(
            Map.entry("host", "PGHOST"), Map.entry("hostaddr", "PGHOSTADDR"), Map.entry("port", "PGPORT"),
            Map.entry("dbname", "PGDATABASE"), Map.entry("user", "PGUSER"), Map.entry("password", "PGPASSWORD"),
            Map.entry("sslmode", "PGSSLMODE"), Map.entry("passfile", "PGPASSFILE"),
            Map.entry("sslrootcert", "PGSSLROOTCERT"), Map.entry("sslcert", "PGSSLCERT"), Map.entry("sslkey", "PGSSLKEY"));

    private final Map<String, String> env;
    private final Path home;
    private final Consumer<String> warnings;

    public ProfileResolver(Map<String, String> env, Path home) {
        this(env, home, LOG::warn);
    }

    private ProfileResolver(Map<String, String> env, Path home, Consumer<String> warnings) {
        this.env = Map.copyOf(env);
        this.home = Objects.requireNonNull(home);
        this.warnings = Objects.requireNonNull(warnings);
    }

    /** The real environment and home directory. */
    public static ProfileResolver system() {
        return new ProfileResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The same resolver, telling {@code sink} what it ignores or distrusts instead of logging it. */
    public ProfileResolver withWarnings(Consumer<String> sink) {
        return new ProfileResolver(env, home, sink);
    }

    /** @param connection a postgresql:// URI, a jdbc:postgresql: URL, keyword=value pairs, a database name, or null */
    public ConnectionProfile resolve(String connection) {
        return resolve(connection, Map.of());
    }

    /**
     * A profile from the connection dialog or the profile store, with the password libpq would
     * find for it (PGPASSWORD, ~/.pgpass) when none was typed.
     */
    public ConnectionProfile complete(ConnectionProfile typed) {
        if (typed.hasPassword()) {
            return typed;
        }
        ConnectionProfile found = resolve(null, Map.of("host", typed.host(), "port", Integer.toString(typed.port()),
                "dbname", typed.database(), "user", typed.user(), "sslmode", typed.sslMode()));
        return typed.withPassword(found.password());
    }

    private static Pooler.Mode pooled(String flag) {
        return switch (flag.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Pooler.Mode.POOLED;
            case "false", "0", "no", "off" -> Pooler.Mode.DIRECT;
            default -> throw new IllegalArgumentException("The parameter pgbouncer takes true or false, not \""
                    + flag + "\".");
        };
    }

    /**
     * As {@link #resolve(String)}, with libpq keywords (host, port, dbname, user, service...) that
     * win over the connection string, as command-line flags do.
     */
    public ConnectionProfile resolve(String connection, Map<String, String> explicit) {
        Map<String, String> given = new LinkedHashMap<>(ConnectionStrings.parse(connection));
        Map<String, String> flags = new LinkedHashMap<>(explicit);
        String dbname = flags.get("dbname");
        if (dbname != null && ConnectionStrings.isConnectionString(dbname)) {
            // psql -d "postgresql://...": libpq expands a database name that is a connection string
            given.putAll(ConnectionStrings.parse(dbname));
            flags.remove("dbname");
        }
        flags.forEach((keyword, value) -> {
            if (!ConnectionKeywords.known(keyword)) {
                throw new IllegalArgumentException("\"" + keyword + "\" is not a libpq connection option.");
            }
            if (value != null && !value.isBlank()) {
                given.put(keyword, value);
            }
        });
        dropIgnored(given);
        String service = first(given.get("service"), env.get("PGSERVICE"));
        Map<String, String> fromService = service == null ? Map.of() : serviceEntries(service);
        Map<String, String> v = new HashMap<>();
        for (Map.Entry<String, String> keyword : VARIABLE_OF.entrySet()) {
            String value = first(given.get(keyword.getKey()), fromService.get(keyword.getKey()), env.get(keyword.getValue()));
            if (value != null) {
                v.put(keyword.getKey(), value);
            }
        }
        String host = host(first(v.get("host"), v.get("hostaddr")));
        ConnectionProfile profile = new ConnectionProfile(service, host, port(v.get("port")), v.get("dbname"),
                v.get("user"), null, sslMode(v.get("sslmode")));
        profile = profile.withSsl(new SslFiles(v.get("sslrootcert"), v.get("sslcert"), v.get("sslkey"),
                first(given.get("sslpassword"), fromService.get("sslpassword"))));
        if (given.containsKey(ConnectionKeywords.PGBOUNCER)) {
            profile = profile.withPooler(profile.pooler().withMode(pooled(given.get(ConnectionKeywords.PGBOUNCER))));
        }
        String password = v.get("password");
        if (password == null) {
            Path passfile = v.containsKey("passfile") ? Path.of(v.get("passfile")) : home.resolve(".pgpass");
            password = PgPassFile.password(passfile, profile.host(), profile.port(), profile.database(),
                    profile.user(), warnings).orElse(null);
        }
        return profile.withPassword(password);
    }

    private void dropIgnored(Map<String, String> given) {
        given.keySet().removeIf(keyword -> {
            if (ConnectionKeywords.USED.contains(keyword)) {
                return false;
            }
            warnings.accept("pgdeck ignores the connection option \"" + keyword + "\"");
            return true;
        });
    }

    private Map<String, String> serviceEntries(String service) {
        List<Path> files = new ArrayList<>();
        files.add(env.containsKey("PGSERVICEFILE") ? Path.of(env.get("PGSERVICEFILE")) : home.resolve(".pg_service.conf"));
        if (env.containsKey("PGSYSCONFDIR")) {
            files.add(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"));
        }
        for (Path file : files) {
            Optional<Map<String, String>> section = ServiceFile.section(file, service);
            if (section.isPresent()) {
                Map<String, String> entries = new LinkedHashMap<>(section.get());
                dropIgnored(entries);
                return entries;
            }
        }
        throw new IllegalArgumentException("Service \"" + service + "\" is not defined in "
                + String.join(" or ", files.stream().map(Path::toString).toList()) + ".");
    }

    /** The first host of a list; a Unix-socket directory becomes localhost, as JDBC speaks only TCP. */
    private String host(String hosts) {
        if (hosts == null || hosts.isBlank()) {
            return null;
        }
        if (hosts.contains("@") || hosts.contains("://")) {
            // a connection string given as the host (-h, PGHOST): not quoted, it may hold a password
            throw new IllegalArgumentException("The host holds \"@\" or \"://\": give the host name alone,"
                    + " and a connection string as the connection argument.");
        }
        String host = hosts.split(",", -1)[0].strip();
        if (hosts.contains(",")) {
            warnings.accept("pgdeck connects to the first host of the list only: " + host);
        }
        if (host.startsWith("/") || host.startsWith("@")) {
            warnings.accept("pgdeck connects over TCP: using localhost instead of the socket directory " + host);
            return null;
        }
        return host;
    }

    private static int port(String ports) {
        if (ports == null || ports.isBlank()) {
            return ConnectionProfile.DEFAULT_PORT;
        }
        String port = ports.split(",", -1)[0].strip();
        if (port.isEmpty()) {
            return ConnectionProfile.DEFAULT_PORT;
        }
        try {
            int n = Integer.parseInt(port);
            if (n >= 1 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the one sentence below
        }
        // not quoted: "postgresql://user:secret/db", an "@host" forgotten, puts the password here
        throw new IllegalArgumentException("The port is not a number between 1 and 65535.");
    }

    private static String sslMode(String mode) {
        if (mode != null && !ConnectionKeywords.SSL_MODES.contains(mode)) {
            throw new IllegalArgumentException("The sslmode \"" + mode + "\" is not one of disable, allow, prefer,"
                    + " require, verify-ca, verify-full.");
        }
        return mode;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
