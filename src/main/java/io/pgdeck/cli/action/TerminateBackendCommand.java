package io.pgdeck.cli.action;

import io.pgdeck.action.SignalBackendAction;
import picocli.CommandLine.Command;

@Command(name = "terminate-backend", sortOptions = false,
        description = "pg_terminate_backend: ends the backend's session, rolling back its open transaction.")
final class TerminateBackendCommand extends BackendCommand {

    TerminateBackendCommand() {
        super(SignalBackendAction::terminate);
    }
}
