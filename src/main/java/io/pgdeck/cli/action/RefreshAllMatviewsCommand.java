package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.RefreshAllMatviewsAction;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;

@Command(name = "refresh-all-matviews", sortOptions = false,
        description = "Refreshes every materialized view in dependency order, each committed on its own.")
final class RefreshAllMatviewsCommand extends ActionSubcommand {

    @Override
    Action action(Target target) {
        return new RefreshAllMatviewsAction(new MatviewReader(target).matviews());
    }
}
