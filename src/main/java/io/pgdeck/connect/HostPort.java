package io.pgdeck.connect;

/**
 * A host and port as a user types them ({@code db1:5432}, {@code [::1]:5433}, {@code db1}): the
 * direct address of the PostgreSQL behind a pooler.
 */
public record HostPort(String host, int port) {

    /** Reads host[:port]; bad input fails with one sentence naming what was typed. */
    public static HostPort parse(String text) {
        String s = text == null ? "" : text.strip();
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw invalid(text);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text);
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        if (host.isEmpty() || port != null && !port.matches("\\d{1,5}")) {
            throw invalid(text);
        }
        int number = port == null ? ConnectionProfile.DEFAULT_PORT : Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw invalid(text);
        }
        return new HostPort(host, number);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("The direct address \"" + text + "\" is not host:port (db1:5432, or [::1]:5432).");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
