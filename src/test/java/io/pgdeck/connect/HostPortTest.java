package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void readsHostAndPortAsUsersTypeThem() {
        assertThat(HostPort.parse("db1:6543")).isEqualTo(new HostPort("db1", 6543));
        assertThat(HostPort.parse(" db1 ")).isEqualTo(new HostPort("db1", 5432));
        assertThat(HostPort.parse("[::1]:5433")).isEqualTo(new HostPort("::1", 5433));
        assertThat(HostPort.parse("::1")).isEqualTo(new HostPort("::1", 5432));
        assertThat(HostPort.parse("[::1]:5433")).hasToString("[::1]:5433");
    }

    @Test
    void badInputIsOneSentence() {
        for (String bad : new String[] {"", "db1:", "db1:port", ":5432", "db1:70000", "[::1"}) {
            assertThatThrownBy(() -> HostPort.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The direct address \"" + bad + "\" is not host:port (db1:5432, or [::1]:5432).");
        }
    }
}
