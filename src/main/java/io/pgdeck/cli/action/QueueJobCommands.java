package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.queue.QueueStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retry and cancel of given jobs, built by the queue package's public API (QueueMonitor, as the
 * window's job browser uses it), so a change of that API is adapted here and nowhere else.
 */
final class QueueJobCommands {

    private QueueJobCommands() {}

    /** Both name an installation and the jobs; the library decides what its retry or cancel means. */
    abstract static class JobCommand extends ActionSubcommand {

        @Option(names = "--installation", required = true, paramLabel = "KEY",
                description = "The queue installation as pgdeck snapshot names it: library:schema, e.g. River:public.")
        String installation;

        @Option(names = "--job", required = true, paramLabel = "ID", split = ",", description = "Job ids, repeated or comma-separated.")
        List<String> jobs;

        abstract Optional<Action> action(QueueMonitor queues, String key, List<String> ids);

        abstract String verb();

        @Override
        Action action(Target target) {
            QueueMonitor queues = new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list,
                    DepthSettings.DEFAULTS, Duration.ofMinutes(5));
            Set<String> found = queues.read().queues().stream().map(QueueStatus::adapterKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!found.contains(installation)) {
                throw new IllegalArgumentException("No queue installation " + installation + " here; pgdeck finds: "
                        + (found.isEmpty() ? "none" : String.join(", ", found)) + ".");
            }
            return action(queues, installation, jobs).orElseThrow(() -> new IllegalArgumentException(
                    installation + " cannot " + verb() + " jobs."));
        }
    }

    @Command(name = "queue-retry", sortOptions = false,
            description = "Runs the given failed jobs again, as the library means it; running or done jobs are left alone.")
    static final class Retry extends JobCommand {
        @Override
        Optional<Action> action(QueueMonitor queues, String key, List<String> ids) {
            return queues.retry(key, ids);
        }

        @Override
        String verb() {
            return "retry";
        }
    }

    @Command(name = "queue-cancel", sortOptions = false,
            description = "Cancels the given jobs that have not started.")
    static final class Cancel extends JobCommand {
        @Override
        Optional<Action> action(QueueMonitor queues, String key, List<String> ids) {
            return queues.cancel(key, ids);
        }

        @Override
        String verb() {
            return "cancel";
        }
    }
}
