package io.pgdeck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** pgdeck's version from the pom.properties Maven puts in the jar; a build from the IDE has none. */
public final class PgdeckVersion implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.pgdeck/pgdeck/pom.properties";

    public static String version() {
        try (InputStream in = PgdeckVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "development build");
            }
        } catch (IOException ignored) {
            // no version to show is not worth failing for
        }
        return "development build";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pgdeck " + version(), "Java " + System.getProperty("java.version")};
    }
}
