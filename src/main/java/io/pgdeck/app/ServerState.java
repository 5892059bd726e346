package io.pgdeck.app;

/**
 * One connected server as the status bar sums it up: its tab's name, and the problem that needs
 * a DBA's attention, empty while it is fine.
 */
record ServerState(String name, String problem) {

    ServerState {
        problem = problem == null ? "" : problem;
    }

    static ServerState fine(String name) {
        return new ServerState(name, "");
    }

    boolean needsAttention() {
        return !problem.isEmpty();
    }
}
