package io.pgdeck.testing;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.demo.DemoDatabase;

/**
 * The embedded demo database for tests that want realistic contents (screens, readers),
 * started once per JVM on first use and stopped when the JVM exits. Tests must not change what
 * {@link io.pgdeck.demo.PlantedSituations} describes; anything else may move, as in real life.
 */
public final class TestDemo {

    private static DemoDatabase demo;

    private TestDemo() {
    }

    public static synchronized DemoDatabase database() {
        if (demo == null) {
            demo = DemoDatabase.start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "pgdeck-test-demo-stop"));
        }
        return demo;
    }

    public static ConnectionProfile profile() {
        return database().profile();
    }
}
