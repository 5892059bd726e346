package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On every plan of the corpus: no node's own time is negative, and the nodes' own times add up to
 * the Execution Time E less two things that run in no node:
 * <ul>
 * <li>A, the AFTER triggers: here the foreign keys' (RI_ConstraintTrigger_*, AFTER by
 *     definition), which run when the nodes are done; the corpus's user trigger, orders_audit,
 *     is BEFORE INSERT (setup.sql), so its time is inside ModifyTable's and is not taken off;</li>
 * <li>O, the executor's start and end (ExecutorStart/End: opening and locking relations and
 *     partitions, building expressions, JIT compilation, freeing work tables), which EXPLAIN
 *     reports nowhere but as E − A − the root's time (the plan tree's whole time).</li>
 * </ul>
 * So the invariant is Σ own = E − A − O within 1 %, that is own times add up to the tree's time
 * (what the 1.3-3× double counting of CTEs and InitPlans broke), and O is what executor start and
 * end can be: never below −1 % of E (else A or the tree is counted twice), and at most 10 % of E +
 * 20 ms (10.7 ms measured on the committed plans, freeing a recursive CTE's tuplestores; 16 ms on a
 * busy machine) or, with JIT, its compilation time: a trigger left out would be far above that.
 * CREATE TABLE AS adds to O the writing of its rows into the new table, in no node either: there O
 * has no upper bound but E.
 */
class ExecutionTimeInvariantTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.explain.PlanCorpus#files")
    void nodesAccountForTheExecutionTime(String file) {
        holds(PlanCorpus.plan(file), PlanCorpus.shape(file));
    }

    /** The invariant on one plan; {@link PlanCorpusLiveTest} checks it on plans made there and then. */
    static void holds(Plan plan, String shape) {
        PlanAnalysis a = PlanAnalysis.of(plan);
        double execution = plan.executionMs();
        double after = plan.triggers().stream().filter(t -> t.constraint() != null).mapToDouble(TriggerTime::ms).sum();
        double tree = a.figures(0).inclusiveMs();
        double startAndEnd = execution - after - tree;

        // EXPLAIN prints per-loop times to the microsecond: over many loops that rounding alone
        // moves a node's time, and with it its parent's own time, by half a microsecond a loop
        double rounding = plan.nodes().stream().filter(PlanNode::analyzed)
                .mapToDouble(n -> 2 * 0.0005 * n.timing().loops()).sum();
        assertThat(plan.nodes()).allSatisfy(n -> assertThat(a.figures(n).exclusiveMs()).isGreaterThanOrEqualTo(0));
        assertThat(a.nodesMs()).as("own times of %s", shape).isCloseTo(execution - after - startAndEnd,
                org.assertj.core.api.Assertions.within(0.01 * tree + rounding));
        assertThat(startAndEnd).as("executor start and end of %s", shape).isGreaterThanOrEqualTo(-0.01 * execution)
                .isLessThanOrEqualTo(shape.equals("create-table-as") ? execution
                        : 0.1 * execution + 20 + (plan.jit() == null ? 0 : plan.jit().totalMs()));
        assertThat(a.totalMs()).isEqualTo(execution);
        // never negative: rounding may make the nodes add up to a hair more than the execution
        assertThat(a.outsideNodesMs()).isCloseTo(Math.max(0, execution - a.nodesMs()),
                org.assertj.core.api.Assertions.within(1e-9));
    }
}
