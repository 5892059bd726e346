package io.pgdeck.ui.explain;

import io.pgdeck.explain.NodeFigures;
import io.pgdeck.explain.PlanNode;

/**
 * A node of the "before" plan and its counterpart in the "after" plan, with their figures; one
 * side is null for a node only one plan has.
 */
record NodeMatch(PlanNode before, NodeFigures beforeFigures, PlanNode after, NodeFigures afterFigures, Change change) {

    enum Change {
        /** Same node type on the same relation and index. */
        SAME("same"),
        /** The same place in the plan done another way: Seq Scan on t became Index Scan on t. */
        CHANGED("changed"),
        ONLY_BEFORE("only before"),
        ONLY_AFTER("only after");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
