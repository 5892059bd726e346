package io.pgdeck.connect;

import java.nio.file.Path;

/** Where pgdeck keeps the user's files (audit log, profiles). */
public final class ConfigDir {

    private ConfigDir() {}

    public static Path path() {
        String override = System.getProperty("pgdeck.config.dir");
        if (override != null) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("pgdeck");
    }
}
