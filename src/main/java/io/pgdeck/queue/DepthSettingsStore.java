package io.pgdeck.queue;

import io.pgdeck.connect.ConfigDir;
import io.pgdeck.connect.JsonConfigFile;
import java.nio.file.Path;

/**
 * The user's queue settings, as JSON in {@code queue-settings.json} of the config directory:
 * the retry limit of a seed job_queue without a max_retries column. Absent, the defaults.
 */
public final class DepthSettingsStore {

    private final JsonConfigFile<SettingsFile> file;

    public DepthSettingsStore(Path file) {
        this.file = new JsonConfigFile<>(file, SettingsFile.class, "the queue settings");
    }

    public static DepthSettingsStore inUserConfigDir() {
        return new DepthSettingsStore(ConfigDir.path().resolve("queue-settings.json"));
    }

    /**
     * The saved settings, or the defaults where nothing was saved; an unreadable file reads as
     * the defaults too, as an unreadable mappings file must not hide the libraries.
     */
    public DepthSettings read() {
        try {
            return file.read().map(f -> DepthSettings.DEFAULTS.withRetryLimit(f.retryLimit())).orElse(DepthSettings.DEFAULTS);
        } catch (RuntimeException e) {
            return DepthSettings.DEFAULTS;
        }
    }

    public void save(DepthSettings settings) {
        file.write(new SettingsFile(SettingsFile.CURRENT_VERSION, settings.retryLimit()));
    }

    record SettingsFile(int version, int retryLimit) {
        static final int CURRENT_VERSION = 1;
    }
}
