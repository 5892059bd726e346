package io.pgdeck.cli.action;

import io.pgdeck.action.SignalBackendAction;
import picocli.CommandLine.Command;

@Command(name = "cancel-backend", sortOptions = false,
        description = "pg_cancel_backend: stops the backend's current query, keeps its session.")
final class CancelBackendCommand extends BackendCommand {

    CancelBackendCommand() {
        super(SignalBackendAction::cancel);
    }
}
