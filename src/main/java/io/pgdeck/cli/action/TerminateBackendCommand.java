package io.pgdeck.cli.action;

import io.pgdeck.action.Action;
import io.pgdeck.action.TerminateBackendAction;
import io.pgdeck.connect.Target;
import picocli.CommandLine.Command;

@Command(name = "terminate-backend", sortOptions = false,
        description = "pg_terminate_backend: ends the backend's session, rolling back its open transaction.")
final class TerminateBackendCommand extends BackendCommand {

    @Override
    Action action(Target target) {
        int pid = pid();
        return new TerminateBackendAction(pid, "of pid " + pid);
    }
}
