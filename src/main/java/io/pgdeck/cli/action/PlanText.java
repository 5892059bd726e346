package io.pgdeck.cli.action;

import io.pgdeck.action.ActionPlan;
import java.io.PrintWriter;

/** A plan as the terminal shows it: what the confirm dialog shows, as SQL comments above the exact SQL. */
final class PlanText {

    private PlanText() {}

    static void print(ActionPlan plan, PrintWriter out) {
        out.println("-- " + plan.title());
        out.println("-- Lock: " + plan.lock());
        out.println("-- Risk: " + plan.risk());
        out.println("-- Runs: " + switch (plan.commit()) {
            case ONE_TRANSACTION -> "in one transaction: all or nothing.";
            case EACH_STATEMENT -> "each statement in a transaction of its own.";
            case NO_TRANSACTION_BLOCK -> "outside a transaction block, each statement committing on its own.";
        });
        out.println(plan.sql());
    }
}
