package io.pgdeck.connect;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Redis whose BullMQ queues pgdeck shows beside the database's own:
 * {@code redis://[:password@]host:port[/db]} ({@code rediss://} for TLS) and the prefix BullMQ
 * was given ({@code bull} unless the application set another). The password, when the URL has
 * one, stays in memory: {@link #describe()}, {@link #toString()} and the saved profile never
 * carry it.
 */
public record RedisSource(String url, String prefix) {

    public static final String DEFAULT_PREFIX = "bull";

    public RedisSource {
        url = url == null ? "" : url.strip();
        prefix = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.strip();
        URI uri = parse(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("A Redis address reads redis://[:password@]host:port[/db], not "
                    + PasswordMask.mask(url) + ".");
        }
    }

    public static RedisSource of(String url) {
        return new RedisSource(url, DEFAULT_PREFIX);
    }

    public RedisSource withPrefix(String newPrefix) {
        return new RedisSource(url, newPrefix);
    }

    /** The same address without its password: what a saved profile keeps. */
    public RedisSource withoutPassword() {
        URI uri = parse(url);
        String info = uri.getRawUserInfo();
        if (!hasPassword()) {
            return this;
        }
        String user = info.substring(0, info.indexOf(':'));
        String hostPortPath = url.substring(url.indexOf(info) + info.length() + 1);
        return new RedisSource(uri.getScheme() + "://" + (user.isEmpty() ? "" : user + "@") + hostPortPath, prefix);
    }

    public boolean hasPassword() {
        String info = parse(url).getRawUserInfo();
        return info != null && info.contains(":");
    }

    /** host:port/db and the prefix, never the password: "localhost:6379/0 bull". */
    public String describe() {
        URI uri = parse(url);
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "0" : uri.getPath().substring(1);
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()) + "/" + db + " " + prefix;
    }

    @Override
    public String toString() {
        return "RedisSource[" + PasswordMask.mask(url) + ", prefix=" + prefix + "]";
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("A Redis address reads redis://[:password@]host:port[/db], not "
                    + PasswordMask.mask(url) + ".", e);
        }
    }
}
