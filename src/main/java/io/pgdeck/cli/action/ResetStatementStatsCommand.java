package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.ResetStatementStatsAction;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;

@Command(name = "reset-statement-stats", sortOptions = false,
        description = "pg_stat_statements_reset(): every statement's counters back to zero, for every database and role.")
final class ResetStatementStatsCommand extends ActionSubcommand {

    @Override
    Action action(Target target) {
        return new ResetStatementStatsAction();
    }
}
