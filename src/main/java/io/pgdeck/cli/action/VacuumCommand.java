package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.action.VacuumAction;
import io.pgdeck.catalog.Relation;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "vacuum", sortOptions = false,
        description = "VACUUM of one table, with the window's options; reads and writes go on.")
final class VacuumCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE", description = "schema.table, as psql takes it.")
    String name;

    @Option(names = "--analyze", description = "Also ANALYZE: fresh planner statistics.")
    boolean analyze;

    @Option(names = "--freeze", description = "Also FREEZE every row now (writes nearly every page).")
    boolean freeze;

    @Override
    Action action(Target target) {
        Relation table = new RelationLookup(target.db()).find(argument(name, "table"), RelationLookup.Kind.TABLE);
        return new VacuumAction(new RelationName(table.schema(), table.name()), analyze, freeze);
    }
}
