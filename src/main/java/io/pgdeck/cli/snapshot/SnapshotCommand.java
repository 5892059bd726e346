package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.cli.Cli;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.cli.DurationConverter;
import io.pgdeck.cli.JsonOutput;
import io.pgdeck.cli.PgBouncerOption;
import io.pgdeck.cli.QueueSettingsOption;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", sortOptions = false,
        description = "Prints what the Overview, Connections and Slow queries screens show: server, databases with"
                + " rates, connections, long-running queries, blocking sessions, pgdeck's pool, capability hints"
                + " and the top statements by total time since the statistics began and over the interval; PgBouncer's pools when its console is"
                + " configured or the target is a bouncer.")
public final class SnapshotCommand implements Callable<Integer> {

    private final ProfileResolver resolver;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PgBouncerOption pgbouncer;

    @Mixin
    QueueSettingsOption queueSettings;

    @Option(names = "--json", description = "One JSON object on one line (snake_case fields, ISO-8601 times).")
    boolean json;

    @Option(names = "--pretty", description = "With --json: indented.")
    boolean pretty;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between the two counter reads the rates come from; 0 for no rates."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = "--long-query", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Active queries older than this are listed as long-running. Default: ${DEFAULT-VALUE}.")
    Duration longQuery;

    @Option(names = "--include-own", description = "Also list pgdeck's own monitoring statements, left out by default.")
    boolean includeOwn;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    public SnapshotCommand(ProfileResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (Target target = connection.open(resolver, spec.commandLine().getErr());
             PgBouncerSource bouncer = pgbouncer.source(target, resolver)) {
            Snapshot snapshot = new SnapshotTaker(target, interval, longQuery, Clock.systemUTC()).withPgBouncer(bouncer)
                    .withQueueSettings(queueSettings.settings())
                    .withOwnStatements(includeOwn)
                    .take();
            if (json) {
                out.println(JsonOutput.write(snapshot, pretty));
            } else {
                SnapshotText.print(snapshot, out);
            }
        }
        out.flush();
        return Cli.EXIT_OK;
    }
}
