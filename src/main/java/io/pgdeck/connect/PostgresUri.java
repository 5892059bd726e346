package io.pgdeck.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code postgresql://} or {@code postgres://} URI, read the way libpq reads it:
 * {@code postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?param=value&...]}.
 * Hosts and ports of a list are kept comma-separated, as libpq stores them. Error messages never
 * quote the URI: it may hold a password.
 */
final class PostgresUri {

    private static final String[] PREFIXES = {"postgresql://", "postgres://"};

    private PostgresUri() {}

    static boolean matches(String s) {
        return s.startsWith(PREFIXES[0]) || s.startsWith(PREFIXES[1]);
    }

    static Map<String, String> parse(String uri) {
        String rest = uri.substring(uri.startsWith(PREFIXES[0]) ? PREFIXES[0].length() : PREFIXES[1].length());
        Map<String, String> out = new LinkedHashMap<>();
        int pos = userInfo(rest, out);
        StringBuilder hosts = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        while (true) {
            String host;
            if (pos < rest.length() && rest.charAt(pos) == '[') {
                int close = rest.indexOf(']', pos);
                if (close < 0) {
                    throw new IllegalArgumentException("The URI has an IPv6 host without its closing \"]\".");
                }
                host = rest.substring(pos + 1, close);
                pos = close + 1;
            } else {
                int end = until(rest, pos, ":/?,");
                host = rest.substring(pos, end);
                pos = end;
            }
            String port = "";
            if (pos < rest.length() && rest.charAt(pos) == ':') {
                int end = until(rest, pos + 1, "/?,");
                port = rest.substring(pos + 1, end);
                pos = end;
            }
            if (host.indexOf('@') >= 0) {
                // libpq ends the user info at the first '@': the rest of a password would become the host
                throw new IllegalArgumentException("The URI has an \"@\" after the user info:"
                        + " write an \"@\" in the user name or password as %40.");
            }
            hosts.append(PercentDecoding.decode(host));
            ports.append(PercentDecoding.decode(port));
            if (pos < rest.length() && rest.charAt(pos) == ',') {
                hosts.append(',');
                ports.append(',');
                pos++;
                continue;
            }
            break;
        }
        if (pos < rest.length() && "/?".indexOf(rest.charAt(pos)) < 0) {
            throw new IllegalArgumentException("The URI has an unexpected \"" + rest.charAt(pos) + "\" after the host.");
        }
        putIfNotBlank(out, "host", hosts.toString().replaceAll("^,+$", ""));
        putIfNotBlank(out, "port", ports.toString().replaceAll("^,+$", ""));
        if (pos < rest.length() && rest.charAt(pos) == '/') {
            int end = until(rest, pos + 1, "?");
            putIfNotBlank(out, "dbname", PercentDecoding.decode(rest.substring(pos + 1, end)));
            pos = end;
        }
        if (pos < rest.length()) {
            parameters(rest.substring(pos + 1), out);
        }
        return out;
    }

    /** libpq takes everything before the first '@' that comes before any '/' as user[:password]. */
    private static int userInfo(String rest, Map<String, String> out) {
        int end = until(rest, 0, "@/");
        if (end >= rest.length() || rest.charAt(end) != '@') {
            return 0;
        }
        String info = rest.substring(0, end);
        int colon = info.indexOf(':');
        putIfNotBlank(out, "user", PercentDecoding.decode(colon < 0 ? info : info.substring(0, colon)));
        if (colon >= 0) {
            putIfNotBlank(out, "password", PercentDecoding.decode(info.substring(colon + 1)));
        }
        return end + 1;
    }

    private static void parameters(String query, Map<String, String> out) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                // not quoted: a mistyped "password:secret" would be echoed
                throw new IllegalArgumentException("The URI has a parameter without \"=value\".");
            }
            String key = PercentDecoding.decode(pair.substring(0, eq));
            String value = PercentDecoding.decode(pair.substring(eq + 1));
            if (key.equals("ssl")) {
                // libpq's concession to JDBC habits: ssl=true means sslmode=require
                if (!value.equals("true")) {
                    throw new IllegalArgumentException("The URI parameter ssl only accepts \"true\", not \"" + value + "\".");
                }
                out.put("sslmode", "require");
                continue;
            }
            if (!ConnectionKeywords.known(key)) {
                throw new IllegalArgumentException("The URI parameter \"" + key + "\" is not a libpq connection option.");
            }
            out.put(key, value);
        }
    }

    private static int until(String s, int from, String stops) {
        int i = from;
        while (i < s.length() && stops.indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static void putIfNotBlank(Map<String, String> out, String key, String value) {
        if (!value.isBlank()) {
            out.put(key, value);
        }
    }
}
