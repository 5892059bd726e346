package io.pgdeck.app;

import io.pgdeck.connect.ConnectionProfile;
import java.util.List;

/** What pgdeck connects to at start: the embedded demo (no arguments) or the server named. */
final class StartupTarget implements AutoCloseable {

    private final ConnectionProfile profile;
    private final AutoCloseable resources;

    private StartupTarget(ConnectionProfile profile, AutoCloseable resources) {
        this.profile = profile;
        this.resources = resources;
    }

    static StartupTarget from(List<String> args) throws Exception {
        throw new UnsupportedOperationException("wired after the demo and connect branches land");
    }

    ConnectionProfile profile() {
        return profile;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception ignored) {
            // closing on exit
        }
    }
}
