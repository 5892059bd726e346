package io.pgdeck.catalog;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Client connections counted by state, application, user and client address. */
public record ConnectionBreakdown(
        int total,
        Map<String, Integer> byState,
        Map<String, Integer> byApplication,
        Map<String, Integer> byUser,
        Map<String, Integer> byClient,
        Optional<Backend> oldestIdleInTransaction) {

    public static ConnectionBreakdown of(List<Backend> backends) {
        List<Backend> clients = backends.stream().filter(Backend::isClient).toList();
        return new ConnectionBreakdown(
                clients.size(),
                count(clients, b -> b.state() == null ? "unknown" : b.state()),
                count(clients, b -> blankAs(b.application(), "(none)")),
                count(clients, b -> blankAs(b.user(), "(none)")),
                count(clients, b -> blankAs(b.clientAddress(), "local socket")),
                clients.stream().filter(Backend::isIdleInTransaction).max(Comparator.comparing(Backend::stateAge)));
    }

    private static Map<String, Integer> count(List<Backend> backends, Function<Backend, String> key) {
        Map<String, Integer> out = new TreeMap<>();
        backends.forEach(b -> out.merge(key.apply(b), 1, Integer::sum));
        return Collections.unmodifiableMap(out);
    }

    private static String blankAs(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    public int state(String state) {
        return byState.getOrDefault(state, 0);
    }
}
