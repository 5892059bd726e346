package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.cli.QueueSettingsOption;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.queue.QueueStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Retry and cancel of given jobs, built by the queue package's public API (QueueMonitor, as the
 * window's job browser uses it), so a change of that API is adapted here and nowhere else.
 */
final class QueueJobCommands {

    private QueueJobCommands() {}

    /** What the queue package builds for an installation's jobs: a retry or a cancel. */
    @FunctionalInterface
    interface JobAction {
        Optional<Action> of(QueueMonitor queues, String installation, List<String> ids);
    }

    /** Both name an installation and the jobs; the library decides what its retry or cancel means. */
    abstract static class JobCommand extends ActionSubcommand {

        private final String verb;
        private final JobAction build;

        @Option(names = "--installation", required = true, paramLabel = "KEY",
                description = "The queue installation as pgdeck snapshot names it: library:schema, e.g. River:public.")
        String installation;

        @Mixin
        QueueSettingsOption queueSettings;

        @Option(names = "--job", required = true, paramLabel = "ID", split = ",",
                description = "Job ids, repeated or comma-separated.")
        List<String> jobs;

        JobCommand(String verb, JobAction build) {
            this.verb = verb;
            this.build = build;
        }

        @Override
        Action action(Target target) {
            QueueMonitor queues = new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list,
                    queueSettings.settings(), Duration.ofMinutes(5));
            Set<String> found = queues.read().queues().stream().map(QueueStatus::adapterKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!found.contains(installation)) {
                throw new IllegalArgumentException("No queue installation " + installation + " here; pgdeck finds: "
                        + (found.isEmpty() ? "none" : String.join(", ", found)) + ".");
            }
            return build.of(queues, installation, jobs).orElseThrow(() -> new IllegalArgumentException(
                    installation + " cannot " + verb + " jobs."));
        }
    }

    @Command(name = "queue-retry", sortOptions = false,
            description = "Runs the given failed jobs again, as the library means it; running or done jobs are left alone.")
    static final class Retry extends JobCommand {
        Retry() {
            super("retry", QueueMonitor::retry);
        }
    }

    @Command(name = "queue-cancel", sortOptions = false, description = "Cancels the given jobs that have not started.")
    static final class Cancel extends JobCommand {
        Cancel() {
            super("cancel", QueueMonitor::cancel);
        }
    }
}
