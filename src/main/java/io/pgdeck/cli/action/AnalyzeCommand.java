package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.AnalyzeAction;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.catalog.Relation;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "analyze", sortOptions = false, description = "ANALYZE of one table: fresh planner statistics.")
final class AnalyzeCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE", description = "schema.table, as psql takes it.")
    String name;

    @Override
    Action action(Target target) {
        Relation table = new RelationLookup(target.db()).find(argument(name, "table"), RelationLookup.Kind.TABLE);
        return new AnalyzeAction(new RelationName(table.schema(), table.name()));
    }
}
