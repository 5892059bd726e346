package io.pgdeck.cli.action;

import io.pgdeck.action.AuditLog;
import io.pgdeck.cli.Cli;
import io.pgdeck.connect.ProfileResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgdeck action NAME ...}: the window's maintenance actions from a terminal, through the
 * same door (the same refusals, time-outs, progress, cancel and audit line), for runbooks and cron.
 */
@Command(name = "action", sortOptions = false, synopsisSubcommandLabel = "NAME",
        description = {"Runs one of the window's maintenance actions, through the same door: --dry-run prints the"
                + " exact SQL, the lock it takes and what could go wrong, and changes nothing; --yes runs it with the"
                + " window's lock_timeout (5 s) and statement_timeout (2 h), progress on stderr, Ctrl+C to cancel,"
                + " and the same line in the audit log. Without either it refuses."},
        subcommands = {ReindexCommand.class, VacuumCommand.class, AnalyzeCommand.class, RefreshMatviewCommand.class,
                RefreshAllMatviewsCommand.class, CreatePartitionsCommand.class, DetachPartitionCommand.class,
                CancelBackendCommand.class, TerminateBackendCommand.class, ResetStatementStatsCommand.class,
                QueueJobCommands.Retry.class, QueueJobCommands.Cancel.class, QueueJobCommands.Delete.class,
                QueueJobCommands.Purge.class},
        footerHeading = "%n",
        footer = {"Examples:",
                "  pgdeck action reindex shop public.orders_status_idx --dry-run",
                "  pgdeck action vacuum --service prod public.orders --analyze --yes",
                "",
                "Exit codes: 0 done (or dry run), 1 the action failed or was cancelled, 2 bad input, cannot connect"
                        + " or refused (read-only, standby, no session behind a pooler), 3 internal error."
                        + " Ctrl+C sends the cancel, waits for it and exits as interrupted (130)."})
public final class ActionCommand implements Callable<Integer> {

    /** Failed or cancelled: the audit line says which. */
    static final int EXIT_FAILED = Cli.EXIT_WARN;
    /** Bad input, cannot connect, or refused here: nothing ran. */
    static final int EXIT_REFUSED = Cli.EXIT_CANNOT_CONNECT;

    private final ProfileResolver resolver;
    private final AuditLog auditLog;
    private final Interrupts interrupts;

    @Spec
    CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    public ActionCommand(ProfileResolver resolver) {
        this(resolver, AuditLog.inUserConfigDir(), Interrupts.SHUTDOWN_HOOKS);
    }

    public ActionCommand(ProfileResolver resolver, AuditLog auditLog, Interrupts interrupts) {
        this.resolver = resolver;
        this.auditLog = auditLog;
        this.interrupts = interrupts;
    }

    ProfileResolver resolver() {
        return resolver;
    }

    AuditLog auditLog() {
        return auditLog;
    }

    Interrupts interrupts() {
        return interrupts;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_REFUSED;
    }
}
