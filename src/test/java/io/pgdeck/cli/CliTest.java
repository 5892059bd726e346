package io.pgdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: help, version, usage errors, connection errors. No server needed. */
class CliTest {

    @TempDir
    Path home;

    @Test
    void recognisesItsCommands() {
        assertThat(Cli.isCommand("snapshot")).isTrue();
        assertThat(Cli.isCommand("check")).isTrue();
        assertThat(Cli.isCommand("explain")).isTrue();
        assertThat(Cli.isCommand("--help")).isTrue();
        assertThat(Cli.isCommand("--version")).isTrue();
        assertThat(Cli.isCommand("postgresql://localhost/db")).isFalse();
        assertThat(Cli.isCommand("-h")).isFalse();
        assertThat(Cli.isCommand(null)).isFalse();
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of(home, "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("snapshot", "check", "Exit codes");

        CliRun snapshotHelp = CliRun.of(home, "snapshot", "--help");
        assertThat(snapshotHelp.exit()).isZero();
        assertThat(snapshotHelp.out()).contains("CONNECTION", "-h, --host", "-U, --username", "--service",
                "--json", "--interval", "Default: 1s", "--long-query");

        assertThat(CliRun.of(home, "help", "check").out()).contains("--idle-in-transaction", "Default: 5m");
        CliRun version = CliRun.of(home, "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("pgdeck ");
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun unknown = CliRun.of(home, "snapshot", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");

        CliRun badDuration = CliRun.of(home, "snapshot", "--interval", "soon");
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("the value given is not a duration").doesNotContain("soon");

        CliRun noCommand = CliRun.of(home);
        assertThat(noCommand.exit()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Usage: pgdeck");
    }

    @Test
    void badConnectionStringIsOneSentence() {
        CliRun run = CliRun.of(home, "check", "postgresql://u:secret@h/db?colour=blue");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pgdeck: The URI parameter \"colour\" is not a libpq connection option."
                + System.lineSeparator());
    }

    @Test
    void refusedConnectionIsOneSentence() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun run = CliRun.of(home, "snapshot", "-h", "localhost", "-p", Integer.toString(closed), "-d", "x");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("pgdeck: Connection refused at localhost:" + closed
                + ": is PostgreSQL running and listening on that host and port?" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }
}
