package io.pgdeck.cli;

/** Placeholder until the connect branch lands; replaced by the picocli entry point. */
public final class Cli {
    private Cli() {}

    public static boolean isCommand(String arg) {
        return false;
    }

    public static int execute(String... args) {
        return 2;
    }
}
