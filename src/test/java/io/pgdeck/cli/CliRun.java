package io.pgdeck.cli;

import io.pgdeck.connect.ProfileResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the CLI with its output captured, in an empty environment. */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.execute(new PrintWriter(out), new PrintWriter(err), new ProfileResolver(Map.of(), home), args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
