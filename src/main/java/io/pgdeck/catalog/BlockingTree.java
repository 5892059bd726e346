package io.pgdeck.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who blocks whom, as a forest: the roots block others and wait on nobody visible (or sit in
 * a cycle, i.e. a deadlock about to be detected), their children wait on them. A root whose
 * {@code blockedBy} is not empty waits on a backend pgdeck cannot see.
 */
public record BlockingTree(List<Node> roots) {

    public record Node(Backend backend, List<Node> waiters) {
        public int totalWaiters() {
            return waiters.stream().mapToInt(n -> 1 + n.totalWaiters()).sum();
        }
    }

    public static BlockingTree of(List<Backend> backends) {
        Map<Integer, Backend> byPid = new HashMap<>();
        backends.forEach(b -> byPid.put(b.pid(), b));
        Map<Integer, List<Backend>> waitersOf = new HashMap<>();
        for (Backend b : backends) {
            for (int blocker : b.blockedBy()) {
                waitersOf.computeIfAbsent(blocker, k -> new ArrayList<>()).add(b);
            }
        }
        List<Node> roots = new ArrayList<>();
        Set<Integer> placed = new LinkedHashSet<>();
        for (Backend b : backends) {
            boolean blocksOthers = waitersOf.containsKey(b.pid());
            boolean waitsOnVisible = b.blockedBy().stream().anyMatch(byPid::containsKey);
            // A waiter whose blockers are not in the list (a prepared transaction, reported as pid 0;
            // pgdeck's own monitoring session, left out of the list) is a root too, or it would vanish.
            boolean waitsOnUnseen = !b.blockedBy().isEmpty();
            if (!waitsOnVisible && (blocksOthers || waitsOnUnseen)) {
                roots.add(build(b, waitersOf, placed));
            }
        }
        // Members of a wait cycle have no root above them: show each cycle from its oldest member.
        backends.stream()
                .filter(b -> waitersOf.containsKey(b.pid()) && !placed.contains(b.pid()))
                .sorted(Comparator.comparing(Backend::queryAge).reversed())
                .forEach(b -> {
                    if (!placed.contains(b.pid())) {
                        roots.add(build(b, waitersOf, placed));
                    }
                });
        roots.sort(Comparator.comparingInt(Node::totalWaiters).reversed());
        return new BlockingTree(List.copyOf(roots));
    }

    private static Node build(Backend b, Map<Integer, List<Backend>> waitersOf, Set<Integer> placed) {
        placed.add(b.pid());
        List<Node> children = new ArrayList<>();
        for (Backend w : waitersOf.getOrDefault(b.pid(), List.of())) {
            if (!placed.contains(w.pid())) {
                children.add(build(w, waitersOf, placed));
            }
        }
        return new Node(b, List.copyOf(children));
    }

    public boolean isEmpty() {
        return roots.isEmpty();
    }
}
