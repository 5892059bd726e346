package io.pgdeck.cli.explain;

import io.pgdeck.cli.Cli;
import io.pgdeck.cli.ConnectionOptions;
import io.pgdeck.cli.DurationConverter;
import io.pgdeck.cli.JsonOutput;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import io.pgdeck.explain.ExplainException;
import io.pgdeck.explain.ExplainOptions;
import io.pgdeck.explain.ExplainResult;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.Severity;
import io.pgdeck.explain.UnconfirmedSideEffects;
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
                "Before --analyze runs a statement, its plain plan is asked for what it would do besides reading"
                        + " (INSERT, UPDATE, DELETE, MERGE, SELECT INTO, row locks, triggers, volatile functions,"
                        + " sequences): then it runs only with --allow-writes, and is rolled back all the same.",
                "With --plan FILE, analyses a saved EXPLAIN (FORMAT JSON) plan, raw or as psql printed it,"
                        + " without connecting."})
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

    @Option(names = "--allow-writes", description = "Let --analyze run a statement with side effects (writes, row"
            + " locks, volatile functions, sequence advances); it is rolled back, but sequences stay advanced.")
    boolean allowWrites;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "statement_timeout of the EXPLAIN. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Analyse a saved EXPLAIN (FORMAT JSON) plan instead (- reads standard input); no connection.")
    String planFile;

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
        if (planFile != null) {
            if (statement != null) {
                throw new IllegalArgumentException("Give a statement or --plan FILE, not both: a saved plan needs no server.");
            }
            return print(SavedPlan.read(planFile, System.in), out);
        }
        if (statement == null || statement.isBlank()) {
            throw new IllegalArgumentException("Give the statement to explain, e.g. pgdeck explain \"SELECT 1\","
                    + " or a saved plan with --plan FILE.");
        }
        if (timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be more than 0: pgdeck never explains without a statement_timeout.");
        }
        ExplainOptions options = new ExplainOptions(analyze, buffers && analyze, verbose, settings, wal, genericPlan);
        try (Target target = connection.open(resolver, err)) {
            ExplainRunner runner = new ExplainRunner(target, timeout);
            ExplainResult result;
            try {
                result = runner.run(runner.prepare(statement, options), allowWrites);
            } catch (UnconfirmedSideEffects e) {
                err.println("pgdeck: --analyze runs the statement for real, and it has side effects ("
                        + e.sideEffects().describe() + "): add --allow-writes to run it; it is rolled back all the same.");
                return Cli.EXIT_CANNOT_CONNECT;
            }
            for (String sequence : result.sideEffects().sequences()) {
                err.println("pgdeck: note: advanced sequence " + sequence + "; the rollback does not take that back.");
            }
            return print(ExplainReport.of("PostgreSQL " + target.version(), result), out);
        } catch (ExplainException e) {
            err.println("pgdeck: " + e.describe(statement));
            return Cli.EXIT_CANNOT_CONNECT;
        }
    }

    private int print(ExplainReport report, PrintWriter out) {
        if (json) {
            out.println(JsonOutput.write(report, pretty));
        } else {
            ExplainText.print(report, out);
        }
        out.flush();
        return report.insights().stream().anyMatch(f -> Severity.valueOf(f.severity()).compareTo(Severity.WARNING) >= 0)
                ? Cli.EXIT_WARN : Cli.EXIT_OK;
    }
}
