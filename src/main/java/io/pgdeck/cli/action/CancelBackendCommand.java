package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.CancelBackendAction;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;

@Command(name = "cancel-backend", sortOptions = false,
        description = "pg_cancel_backend: stops the backend's current query, keeps its session.")
final class CancelBackendCommand extends BackendCommand {

    @Override
    Action action(Target target) {
        int pid = pid();
        return new CancelBackendAction(pid, "of pid " + pid);
    }
}
