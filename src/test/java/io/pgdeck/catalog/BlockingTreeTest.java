package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingTreeTest {

    private static final OffsetDateTime READ_AT = OffsetDateTime.of(2025, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void nobodyWaitingMeansAnEmptyTree() {
        assertThat(BlockingTree.of(List.of()).isEmpty()).isTrue();
        assertThat(BlockingTree.of(List.of(backend(1, 60), backend(2, 30))).isEmpty()).isTrue();
    }

    @Test
    void aChainHangsUnderItsHolder() {
        BlockingTree tree = BlockingTree.of(List.of(
                backend(3, 10, 2), backend(1, 60), backend(2, 30, 1), backend(4, 5)));

        assertThat(tree.roots()).extracting(this::pid).containsExactly(1);
        BlockingTree.Node holder = tree.roots().get(0);
        assertThat(holder.totalWaiters()).isEqualTo(2);
        assertThat(holder.waiters()).extracting(this::pid).containsExactly(2);
        assertThat(holder.waiters().get(0).waiters()).extracting(this::pid).containsExactly(3);
        assertThat(pids(tree)).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void theHolderWithMostWaitersComesFirst() {
        BlockingTree tree = BlockingTree.of(List.of(
                backend(1, 60), backend(2, 50, 1),
                backend(10, 40), backend(11, 30, 10), backend(12, 20, 10), backend(13, 10, 12)));

        assertThat(tree.roots()).extracting(this::pid).containsExactly(10, 1);
        assertThat(tree.roots()).extracting(BlockingTree.Node::totalWaiters).containsExactly(3, 1);
        assertThat(tree.roots().get(0).waiters()).extracting(this::pid).containsExactlyInAnyOrder(11, 12);
    }

    @Test
    void aTwoCycleShowsOnceFromItsOldestMember() {
        BlockingTree tree = BlockingTree.of(List.of(backend(1, 5, 2), backend(2, 50, 1), backend(3, 1, 2)));

        assertThat(tree.roots()).extracting(this::pid).containsExactly(2);
        assertThat(pids(tree)).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(tree.roots().get(0).totalWaiters()).isEqualTo(2);
    }

    @Test
    void aWaiterWhoseBlockerIsNotVisibleIsStillShown() {
        // pid 77 is left out of the list (e.g. pgdeck's own session); 0 is a prepared transaction.
        BlockingTree tree = BlockingTree.of(List.of(backend(1, 60, 77), backend(2, 30, 0), backend(3, 10, 2)));

        assertThat(tree.roots()).extracting(this::pid).containsExactly(2, 1);
        assertThat(tree.roots().get(0).waiters()).extracting(this::pid).containsExactly(3);
        assertThat(tree.roots().get(1).backend().blockedBy()).containsExactly(77);
        assertThat(tree.roots().get(1).waiters()).isEmpty();
    }

    @Test
    void aWaiterOnSeveralBlockersAppearsOnce() {
        BlockingTree tree = BlockingTree.of(List.of(backend(1, 60), backend(2, 30, 1), backend(3, 10, 1, 2)));

        assertThat(tree.roots()).extracting(this::pid).containsExactly(1);
        assertThat(pids(tree)).containsExactlyInAnyOrder(1, 2, 3);
    }

    private int pid(BlockingTree.Node node) {
        return node.backend().pid();
    }

    private static List<Integer> pids(BlockingTree tree) {
        List<Integer> out = new ArrayList<>();
        tree.roots().forEach(n -> collect(n, out));
        return out;
    }

    private static void collect(BlockingTree.Node node, List<Integer> out) {
        out.add(node.backend().pid());
        node.waiters().forEach(w -> collect(w, out));
    }

    /** A client backend whose query started {@code ageSeconds} before the read, waiting on {@code blockers}. */
    private static Backend backend(int pid, int ageSeconds, Integer... blockers) {
        OffsetDateTime started = READ_AT.minusSeconds(ageSeconds);
        return new Backend(pid, "app", "app", "worker", "10.0.0.1", "client backend", "active",
                blockers.length == 0 ? null : "Lock", blockers.length == 0 ? null : "transactionid",
                started, started, started, started, null, null, "UPDATE jobs SET state = 'done' WHERE id = 1",
                List.of(blockers), READ_AT);
    }
}
