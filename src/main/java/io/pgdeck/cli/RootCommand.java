package io.pgdeck.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pgdeck", versionProvider = PgdeckVersion.class, sortOptions = false,
        synopsisSubcommandLabel = "COMMAND",
        description = "A console for PostgreSQL DBAs. Without a command it opens the window;"
                + " these commands print to the terminal instead.",
        footerHeading = "%n",
        footer = {"Connection: a postgresql:// URI, a jdbc:postgresql: URL, 'key=value' pairs or a database name;"
                + " what is not given comes from pg_service.conf, PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD,"
                + " PGSSLMODE and ~/.pgpass, as with psql.",
                "",
                "Examples:",
                "  pgdeck snapshot --json postgresql://monitor@db1.example.com/shop",
                "  pgdeck snapshot --service prod --long-query 10s",
                "  pgdeck check -h db1 -U monitor -d shop --idle-in-transaction 2m",
                "  pgdeck explain --analyze --buffers shop \"SELECT * FROM orders WHERE status = 'stuck'\"",
                "",
                "Exit codes: 0 fine, 1 a check warns, 2 cannot connect or bad input, 3 internal error."})
final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Show pgdeck's version.")
    boolean version;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Cli.EXIT_CANNOT_CONNECT;
    }
}
