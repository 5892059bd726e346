package io.pgdeck.queue.bullmq;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.pgdeck.connect.PasswordMask;
import io.pgdeck.connect.RedisSource;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redis, reached through one Lettuce connection opened when first needed and kept: Lettuce's
 * connection is thread-safe, so the sampler, the browser and the actions share it. A Redis that
 * cannot be reached is one sentence (host, port, db, never the password), and the next call
 * tries again.
 */
final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** Lettuce's event loops, shared by every Redis of the process (threads are daemons). */
    private static final ClientResources RESOURCES = DefaultClientResources.create();
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RedisSource source;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    RedisLink(RedisSource source) {
        this.source = source;
        RedisURI uri = RedisURI.create(source.url());
        String auth = System.getenv("REDISCLI_AUTH"); // redis-cli's own variable, as PGPASSWORD is psql's
        if (!source.hasPassword() && auth != null && !auth.isEmpty()) {
            uri.setAuthentication(auth);
        }
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(RESOURCES, uri);
        client.setOptions(ClientOptions.builder().socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                // no watchdog reconnecting in the background to a Redis that went away: the next read connects again
                .autoReconnect(false).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    RedisSource source() {
        return source;
    }

    synchronized RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            try {
                connection = client.connect();
            } catch (RuntimeException e) {
                LOG.debug("Redis {} unreachable", source.describe(), e);
                // its own sentence and no cause: the chain's ConnectException would read as a PostgreSQL problem
                throw new IllegalStateException("Redis cannot be reached at " + source.describe() + " ("
                        + PasswordMask.mask(rootMessage(e)) + ").");
            }
        }
        return connection.sync();
    }

    /** Closes the connection and the client; the shared event loops stay for the other Redis sources. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        client.shutdown();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
