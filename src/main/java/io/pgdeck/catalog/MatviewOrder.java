package io.pgdeck.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order to refresh materialized views in: each after every matview it reads, so that a view
 * built on another sees that one's fresh data. Pure; ties broken by name for a stable order.
 */
public final class MatviewOrder {

    private MatviewOrder() {}

    public static List<Matview> refreshOrder(List<Matview> matviews) {
        Map<String, Matview> byName = new LinkedHashMap<>();
        matviews.stream().sorted(Comparator.comparing(Matview::qualifiedName))
                .forEach(m -> byName.put(m.qualifiedName(), m));
        List<Matview> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        byName.values().forEach(m -> visit(m, byName, done, visiting, out));
        return out;
    }

    private static void visit(Matview m, Map<String, Matview> byName, Set<String> done, Set<String> visiting,
                              List<Matview> out) {
        if (done.contains(m.qualifiedName()) || !visiting.add(m.qualifiedName())) {
            return; // PostgreSQL allows no cycles; the guard only keeps a bad input from looping
        }
        m.dependsOn().stream().sorted().map(byName::get).filter(d -> d != null)
                .forEach(d -> visit(d, byName, done, visiting, out));
        visiting.remove(m.qualifiedName());
        done.add(m.qualifiedName());
        out.add(m);
    }

    /** The matviews that read {@code changed}, directly or not, in refresh order; {@code changed} first. */
    public static List<Matview> withDependents(Matview changed, List<Matview> matviews) {
        Set<String> affected = new HashSet<>(Set.of(changed.qualifiedName()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Matview m : matviews) {
                if (!affected.contains(m.qualifiedName()) && m.dependsOn().stream().anyMatch(affected::contains)) {
                    affected.add(m.qualifiedName());
                    grew = true;
                }
            }
        }
        return refreshOrder(matviews).stream().filter(m -> affected.contains(m.qualifiedName())).toList();
    }
}
