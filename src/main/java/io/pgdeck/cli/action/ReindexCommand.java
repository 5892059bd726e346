package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.ReindexIndexAction;
import io.pgdeck.action.ReindexTableAction;
import io.pgdeck.action.RelationLookup;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reindex", sortOptions = false,
        description = "REINDEX INDEX CONCURRENTLY, or with --table every index of a table; writes go on.")
final class ReindexCommand extends ActionSubcommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "The index (or with --table the table), as psql takes it: schema.name, \"Quoted\".")
    String name;

    @Option(names = "--table", description = "NAME is a table: reindex every index of it.")
    boolean table;

    @Override
    Action action(Target target) {
        RelationLookup lookup = new RelationLookup(target.db());
        String typed = argument(name, table ? "table" : "index");
        return table ? new ReindexTableAction(lookup.find(typed, RelationLookup.Kind.TABLE).jooqName())
                : new ReindexIndexAction(lookup.find(typed, RelationLookup.Kind.INDEX).jooqName());
    }
}
