package io.pgdeck.connect;

import java.util.List;
import java.util.Objects;

/**
 * Where to connect and as whom. The password is kept in memory only: saved profiles drop it
 * (see {@link ProfileStore}) and it comes back from ~/.pgpass, PGPASSWORD or the dialog.
 *
 * @param redis the Redis servers whose BullMQ queues are shown beside the database's
 */
public record ConnectionProfile(String name, String host, int port, String database, String user,
        String password, String sslMode, SslFiles ssl, Pooler pooler, List<RedisSource> redis) {

    public static final int DEFAULT_PORT = 5432;

    public ConnectionProfile {
        host = host == null || host.isBlank() ? "localhost" : host;
        port = port <= 0 ? DEFAULT_PORT : port;
        user = user == null || user.isBlank() ? System.getProperty("user.name") : user;
        database = database == null || database.isBlank() ? user : database;
        sslMode = sslMode == null || sslMode.isBlank() ? "prefer" : sslMode;
        name = name == null || name.isBlank() ? user + "@" + host + ":" + port + "/" + database : name;
        ssl = ssl == null ? SslFiles.NONE : ssl;
        pooler = pooler == null ? Pooler.DETECT : pooler;
        redis = redis == null ? List.of() : List.copyOf(redis);
    }

    public ConnectionProfile(String name, String host, int port, String database, String user, String password,
                             String sslMode, SslFiles ssl, Pooler pooler) {
        this(name, host, port, database, user, password, sslMode, ssl, pooler, List.of());
    }

    public ConnectionProfile(String name, String host, int port, String database, String user, String password,
                             String sslMode) {
        this(name, host, port, database, user, password, sslMode, SslFiles.NONE, Pooler.DETECT);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public ConnectionProfile withPassword(String newPassword) {
        return new ConnectionProfile(name, host, port, database, user, newPassword, sslMode, ssl, pooler, redis);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(newName, host, port, database, user, password, sslMode, ssl, pooler, redis);
    }

    public ConnectionProfile withSsl(SslFiles files) {
        return new ConnectionProfile(name, host, port, database, user, password, sslMode, files, pooler, redis);
    }

    public ConnectionProfile withPooler(Pooler newPooler) {
        return new ConnectionProfile(name, host, port, database, user, password, sslMode, ssl, newPooler, redis);
    }

    /** The same server on another host and port (the PostgreSQL behind a pooler, say). */
    public ConnectionProfile at(String newHost, int newPort) {
        return new ConnectionProfile(name, newHost, newPort, database, user, password, sslMode, ssl, pooler, redis);
    }

    /** The same profile reading the BullMQ queues of these Redis servers too. */
    public ConnectionProfile withRedis(List<RedisSource> sources) {
        return new ConnectionProfile(name, host, port, database, user, password, sslMode, ssl, pooler, sources);
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** user@host:port/database, never the password. */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + describe() + ", sslmode=" + sslMode + (hasPassword() ? ", password=***" : "")
                + (ssl.equals(SslFiles.NONE) ? "" : ", " + ssl) + ", " + pooler + (redis.isEmpty() ? "" : ", " + redis) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionProfile p && name.equals(p.name) && host.equals(p.host) && port == p.port
                && database.equals(p.database) && user.equals(p.user) && Objects.equals(password, p.password)
                && sslMode.equals(p.sslMode) && ssl.equals(p.ssl) && pooler.equals(p.pooler) && redis.equals(p.redis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, host, port, database, user, sslMode, ssl, pooler, redis);
    }
}
