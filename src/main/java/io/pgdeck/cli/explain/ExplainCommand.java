package io.pgdeck.cli.explain;

import io.pgdeck.cli.Cli;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.cli.DurationConverter;
import io.pgdeck.cli.JsonOutput;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import io.pgdeck.explain.ExplainException;
import io.pgdeck.explain.ExplainOptions;
import io.pgdeck.explain.ExplainRequest;
import io.pgdeck.explain.ExplainResult;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", sortOptions = false,
        description = {"EXPLAIN one statement as the workbench does: in a transaction that is rolled back, with"
                + " statement_timeout; prints the plan's nodes with their own times and pgdeck's insights."
                + " Exits 1 when an insight is a warning or worse, for CI.",
                "A statement that writes (INSERT, UPDATE, DELETE, MERGE, a function call) runs under --analyze"
                        + " only with --allow-writes, and is rolled back all the same."})
public final class ExplainCommand implements Callable<Integer> {

    private final ProfileResolver resolver;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SQL",
            description = "The statement (one). Given alone, it is the SQL and the connection comes from PG* variables.")
    String sql;

    @Option(names = "--analyze", description = "Run the statement (rolled back) and report actual times and rows.")
    boolean analyze;

    @Option(names = "--buffers", description = "With --analyze: blocks hit, read, dirtied and written.")
    boolean buffers;

    @Option(names = "--verbose", description = "Output columns and schema-qualified names.")
    boolean verbose;

    @Option(names = "--settings", description = "Planner settings that differ from the defaults.")
    boolean settings;

    @Option(names = "--wal", description = "With --analyze: WAL records and bytes generated.")
    boolean wal;

    @Option(names = "--generic-plan", description = "PostgreSQL 16+: plan a statement with $1 parameters without values.")
    boolean genericPlan;

    @Option(names = "--allow-writes", description = "Let --analyze run a statement that writes; it is rolled back.")
    boolean allowWrites;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "statement_timeout of the EXPLAIN. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--json", description = "One JSON object: nodes with their figures, insights and the raw plan.")
    boolean json;

    @Option(names = "--pretty", description = "With --json: indented.")
    boolean pretty;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    public ExplainCommand(ProfileResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String statement = sql;
        if (statement == null) {
            // one positional: picocli gave it to CONNECTION, but it is the SQL
            statement = connection.takeConnectionArgument();
        }
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("Give the statement to explain, e.g. pgdeck explain \"SELECT 1\".");
        }
        ExplainOptions options = new ExplainOptions(analyze, buffers && analyze, verbose, settings, wal, genericPlan);
        try (Target target = connection.open(resolver, err)) {
            ExplainRunner runner = new ExplainRunner(target, timeout);
            ExplainRequest request = runner.prepare(statement, options);
            if (request.needsConfirmation() && !allowWrites) {
                err.println("pgdeck: --analyze runs the statement for real and it writes ("
                        + String.join(", ", request.writes().reasons())
                        + "): add --allow-writes to run it; it is rolled back all the same.");
                return Cli.EXIT_CANNOT_CONNECT;
            }
            ExplainResult result = runner.run(request, allowWrites);
            ExplainReport report = ExplainReport.of("PostgreSQL " + target.version(), result);
            if (json) {
                out.println(JsonOutput.write(report, pretty));
            } else {
                ExplainText.print(report, out);
            }
            out.flush();
            return report.insights().stream().anyMatch(f -> Severity.valueOf(f.severity()).compareTo(Severity.WARNING) >= 0)
                    ? Cli.EXIT_WARN : Cli.EXIT_OK;
        } catch (ExplainException e) {
            err.println("pgdeck: " + e.describe(statement));
            return Cli.EXIT_CANNOT_CONNECT;
        }
    }
}
