package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.RefreshMatviewAction;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "refresh-matview", sortOptions = false,
        description = "REFRESH MATERIALIZED VIEW, CONCURRENTLY when a unique index allows it.")
final class RefreshMatviewCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "MATVIEW", description = "schema.view, as psql takes it.")
    String name;

    @Override
    Action action(Target target) {
        Relation view = new RelationLookup(target.db()).find(argument(name, "materialized view"),
                RelationLookup.Kind.MATVIEW);
        return new MatviewReader(target).matviews().stream()
                .filter(m -> m.schema().equals(view.schema()) && m.name().equals(view.name()))
                .findFirst().map(RefreshMatviewAction::new)
                .orElseThrow(() -> new IllegalArgumentException("pgdeck does not see the materialized view " + view
                        + ": this role may not read it."));
    }
}
