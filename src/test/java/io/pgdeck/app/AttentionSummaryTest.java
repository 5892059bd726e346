package io.pgdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionSummaryTest {

    @Test
    void countsTheServersAndNamesThoseThatNeedAttention() {
        assertThat(AttentionSummary.of(List.of())).isEmpty();
        assertThat(AttentionSummary.of(List.of(ServerState.fine("db1")))).isEqualTo("1 server · all fine");
        assertThat(AttentionSummary.of(List.of(ServerState.fine("db1"), new ServerState("db2", "unreachable"),
                ServerState.fine("db3")))).isEqualTo("3 servers · 1 needs attention: db2 unreachable");
        assertThat(AttentionSummary.of(List.of(new ServerState("db1", "unreachable"),
                new ServerState("db2", "unreachable")))).isEqualTo("2 servers · 2 need attention: db1 unreachable, db2 unreachable");
    }
}
