package io.pgdeck.catalog;

import io.pgdeck.connect.Privileges;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Client connections counted by state, application, user and client address.
 *
 * @param detailsHidden sessions of other roles counted in {@code total} whose state, client and
 *     query the role may not see (no pg_read_all_stats): by state they count as "hidden", and
 *     the oldest idle transaction is the oldest among the others
 */
public record ConnectionBreakdown(
        int total,
        Map<String, Integer> byState,
        Map<String, Integer> byApplication,
        Map<String, Integer> byUser,
        Map<String, Integer> byClient,
        Optional<Backend> oldestIdleInTransaction,
        int detailsHidden) {

    public static ConnectionBreakdown of(List<Backend> backends) {
        List<Backend> clients = backends.stream().filter(Backend::isClient).toList();
        return new ConnectionBreakdown(
                clients.size(),
                count(clients, b -> b.detailsHidden() ? "hidden" : b.state() == null ? "unknown" : b.state()),
                count(clients, b -> blankAs(b.application(), "(none)")),
                count(clients, b -> blankAs(b.user(), "(none)")),
                count(clients, b -> b.detailsHidden() ? "hidden" : blankAs(b.clientAddress(), "local socket")),
                clients.stream().filter(Backend::isIdleInTransaction).max(Comparator.comparing(Backend::stateAge)),
                (int) clients.stream().filter(Backend::detailsHidden).count());
    }

    /** "Covers only what this role sees: 4 sessions of other roles ...", or empty when it sees them all. */
    public Optional<String> hiddenNote() {
        return detailsHidden == 0 ? Optional.empty() : Optional.of(Privileges.activityHidden(detailsHidden));
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
