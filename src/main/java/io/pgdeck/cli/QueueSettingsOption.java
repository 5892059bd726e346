package io.pgdeck.cli;

import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.DepthSettingsStore;
import picocli.CommandLine.Option;

/** How the commands that read queues read them: the saved queue settings, or a retry limit for this run. */
public final class QueueSettingsOption {

    @Option(names = "--retry-limit", paramLabel = "N", description = {"Retries a failed job of a seed job_queue"
            + " without a max_retries column has before it is dead. Default: the saved setting, else 3 (the seed's"
            + " retry sweep)."})
    Integer retryLimit;

    public DepthSettings settings() {
        DepthSettings saved = DepthSettingsStore.inUserConfigDir().read();
        return retryLimit == null ? saved : saved.withRetryLimit(retryLimit);
    }
}
