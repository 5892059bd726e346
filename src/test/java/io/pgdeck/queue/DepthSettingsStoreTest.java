package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DepthSettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void theSavedRetryLimitIsReadBackAndNothingSavedIsTheSeedsThree() {
        DepthSettingsStore store = new DepthSettingsStore(dir.resolve("pgdeck/queue-settings.json"));
        assertThat(store.read()).isEqualTo(DepthSettings.DEFAULTS);
        assertThat(store.read().retryLimit()).isEqualTo(3);
        store.save(DepthSettings.DEFAULTS.withRetryLimit(5));
        assertThat(new DepthSettingsStore(dir.resolve("pgdeck/queue-settings.json")).read().retryLimit()).isEqualTo(5);
    }

    @Test
    void anUnreadableFileReadsAsTheDefaults() throws Exception {
        Path file = dir.resolve("queue-settings.json");
        Files.writeString(file, "{ not json");
        assertThat(new DepthSettingsStore(file).read()).isEqualTo(DepthSettings.DEFAULTS);
    }
}
