package io.pgdeck.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code jdbc:postgresql:} URL, read as pgJDBC reads it: {@code jdbc:postgresql:database},
 * {@code jdbc:postgresql://host[:port][,host[:port]...]/database?user=...&password=...&sslmode=...}.
 * Parameters are decoded as pgJDBC decodes them (URLDecoder); parameters pgdeck has no use for
 * come back under their own names so the resolver can say it ignores them.
 */
final class JdbcUrl {

    static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrl() {}

    static boolean matches(String s) {
        return s.startsWith(PREFIX);
    }

    static Map<String, String> parse(String url) {
        String rest = url.substring(PREFIX.length());
        Map<String, String> out = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            hosts(slash < 0 ? path.substring(2) : path.substring(2, slash), out);
            path = slash < 0 ? "" : path.substring(slash + 1);
        } else if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (!path.isBlank()) {
            out.put("dbname", decode(path));
        }
        if (query >= 0) {
            parameters(rest.substring(query + 1), out);
        }
        return out;
    }

    private static void hosts(String list, Map<String, String> out) {
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        if (list.indexOf('@') >= 0) {
            throw new IllegalArgumentException("A JDBC URL takes the user and password as parameters"
                    + " (?user=...&password=...), not before the host.");
        }
        for (String entry : list.split(",", -1)) {
            String host = entry;
            String port = "";
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("The JDBC URL has an IPv6 host without its closing \"]\".");
                }
                host = entry.substring(1, close);
                port = entry.startsWith(":", close + 1) ? entry.substring(close + 2) : "";
            } else if (entry.lastIndexOf(':') >= 0) {
                host = entry.substring(0, entry.lastIndexOf(':'));
                port = entry.substring(entry.lastIndexOf(':') + 1);
            }
            hosts.add(host);
            ports.add(port);
        }
        if (hosts.stream().anyMatch(h -> !h.isBlank())) {
            out.put("host", String.join(",", hosts));
        }
        if (ports.stream().anyMatch(p -> !p.isBlank())) {
            out.put("port", String.join(",", ports));
        }
    }

    private static void parameters(String query, Map<String, String> out) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "user", "password", "sslmode", "service" -> out.put(key, value);
                // pgJDBC: ssl=true without sslmode means verify-full
                case "ssl" -> out.putIfAbsent("sslmode", "false".equals(value) ? "disable" : "verify-full");
                default -> out.put(key, value);
            }
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the message names no part of the URL: it may hold a password
            throw new IllegalArgumentException("The JDBC URL has an invalid %-escape.", e);
        }
    }
}
