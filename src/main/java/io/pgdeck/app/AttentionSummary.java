package io.pgdeck.app;

import java.util.List;
import java.util.stream.Collectors;

/** The status bar's one line over every open server: how many, and which ones need attention and why. */
final class AttentionSummary {

    private AttentionSummary() {}

    /** E.g. "3 servers · 1 needs attention: db2 unreachable"; empty when no server is open. */
    static String of(List<ServerState> servers) {
        if (servers.isEmpty()) {
            return "";
        }
        String count = servers.size() == 1 ? "1 server" : servers.size() + " servers";
        List<ServerState> attention = servers.stream().filter(ServerState::needsAttention).toList();
        if (attention.isEmpty()) {
            return count + " · all fine";
        }
        return count + " · " + attention.size() + (attention.size() == 1 ? " needs" : " need") + " attention: "
                + attention.stream().map(s -> s.name() + " " + s.problem()).collect(Collectors.joining(", "));
    }
}
