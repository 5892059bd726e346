package io.pgdeck.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How every test waits, registered for all classes through junit-platform.properties: polls every
 * 20 ms from the first instant, on the test's own thread (probes touch connections and JavaFX
 * fixtures that are not meant to be shared), and takes an exception as "not yet": a row a screen
 * has not read yet is a null. Each wait names its own time-out.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollInterval(Duration.ofMillis(20));
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.pollInSameThread();
        Awaitility.ignoreExceptionsByDefault();
    }
}
