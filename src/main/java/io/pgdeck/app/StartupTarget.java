package io.pgdeck.app;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.demo.DemoDatabase;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What pgdeck connects to at start: with no arguments the embedded demo and its workload, with
 * {@code --env} what the libpq environment names, otherwise the connection string given.
 */
final class StartupTarget implements AutoCloseable {

    static final String FROM_ENVIRONMENT = "--env";
    private static final Logger LOG = LoggerFactory.getLogger(StartupTarget.class);

    private final ConnectionProfile profile;
    private final DemoDatabase demo;

    private StartupTarget(ConnectionProfile profile, DemoDatabase demo) {
        this.profile = profile;
        this.demo = demo;
    }

    /** Starts the demo when asked to, which takes a few seconds: never on the JavaFX thread. */
    static StartupTarget from(List<String> args) {
        if (args.isEmpty()) {
            DemoDatabase demo = DemoDatabase.start(null);
            LOG.info("demo started: {}", demo.startup());
            try {
                demo.startWorkload();
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
            return new StartupTarget(demo.profile(), demo);
        }
        String connection = args.get(0);
        return new StartupTarget(ProfileResolver.system().resolve(FROM_ENVIRONMENT.equals(connection) ? null : connection),
                null);
    }

    ConnectionProfile profile() {
        return profile;
    }

    /** Stops the demo's workload and server; nothing to do for a server pgdeck did not start. */
    @Override
    public void close() {
        if (demo != null) {
            demo.close();
        }
    }
}
