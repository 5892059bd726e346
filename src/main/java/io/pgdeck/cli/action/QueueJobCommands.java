package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.cli.QueueSettingsOption;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
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
 * Retry, cancel and delete of given jobs, and the purge of old finished jobs, built by the queue
 * package's public API (QueueMonitor, as the window's job browser uses it), so a change of that
 * API is adapted here and nowhere else.
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
            return build.of(monitor(target, installation, queueSettings.settings()), installation, jobs).orElseThrow(
                    () -> new IllegalArgumentException(installation + " cannot " + verb + " jobs."));
        }
    }

    /** The target's queues, once it is known the installation named is one of them. */
    static QueueMonitor monitor(Target target, String installation, DepthSettings settings) {
        QueueMonitor queues = new QueueMonitor(target, CustomMappingStore.inUserConfigDir()::list, settings,
                Duration.ofMinutes(5));
        Set<String> found = queues.read().queues().stream().map(QueueStatus::adapterKey)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!found.contains(installation)) {
            throw new IllegalArgumentException("No queue installation " + installation + " here; pgdeck finds: "
                    + (found.isEmpty() ? "none" : String.join(", ", found)) + ".");
        }
        return queues;
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

    @Command(name = "queue-delete", sortOptions = false,
            description = "Deletes the given jobs for good, as the library's own tooling does; a running job is not touched.")
    static final class Delete extends JobCommand {
        Delete() {
            super("delete", QueueMonitor::delete);
        }
    }

    /**
     * The purge: the finished jobs older than an age, in batches each committed on its own. The
     * dry run's title counts the jobs that will go, as {@code eligible()} counts them now.
     */
    @Command(name = "queue-purge", sortOptions = false,
            description = "Deletes dead jobs (with --include-done also done and cancelled ones) that ended longer ago"
                    + " than --older-than, in batches of 1,000 each committed on its own; Ctrl+C stops at the next batch.")
    static final class Purge extends ActionSubcommand {

        @Option(names = "--installation", required = true, paramLabel = "KEY",
                description = "The queue installation as pgdeck snapshot names it: library:schema, e.g. River:public.")
        String installation;

        @Option(names = "--queue", paramLabel = "Q", description = "Only this queue; every queue of the installation without it.")
        String queue;

        @Mixin
        QueueSettingsOption queueSettings;

        @Option(names = "--older-than", required = true, paramLabel = "AGE",
                description = "Jobs that ended longer ago than this: 30d, 12h, 90m.")
        String olderThan;

        @Option(names = "--include-done", description = "Purge done and cancelled jobs too, not only dead ones.")
        boolean includeDone;

        @Override
        Action action(Target target) {
            QueueMonitor queues = monitor(target, installation, queueSettings.settings());
            JobFilter filter = JobFilter.all().withQueue(queue).withState(includeDone ? null : SharedState.DEAD)
                    .withOlderThan(age(olderThan));
            Count eligible = queues.eligible(installation, JobOperation.DELETE, filter);
            return queues.deleteMatching(installation, filter, eligible.value()).orElseThrow(
                    () -> new IllegalArgumentException(installation + " cannot delete jobs."));
        }

        /** "30d", "12h", "90m" as a duration; anything else refused in one sentence. */
        static Duration age(String text) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([dhm])").matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--older-than takes a number of days, hours or minutes: 30d, 12h, 90m"
                        + " (not '" + text + "').");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}
