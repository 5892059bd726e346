package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.BlockingTree;
import java.util.List;

/** One node of the blocking tree: a session and, nested, the sessions waiting on its locks. */
public record BlockingEntry(
        int pid,
        String user,
        String application,
        String database,
        String state,
        String waitEventType,
        String waitEvent,
        double queryAgeSeconds,
        double transactionAgeSeconds,
        int totalWaiters,
        String query,
        List<BlockingEntry> waiters) {

    static List<BlockingEntry> of(BlockingTree tree) {
        return tree.roots().stream().map(BlockingEntry::of).toList();
    }

    private static BlockingEntry of(BlockingTree.Node node) {
        Backend b = node.backend();
        return new BlockingEntry(b.pid(), b.user(), b.application(), b.database(), b.state(), b.waitEventType(),
                b.waitEvent(), Figures.seconds(b.queryAge()), Figures.seconds(b.transactionAge()), node.totalWaiters(),
                b.query(), node.waiters().stream().map(BlockingEntry::of).toList());
    }
}
