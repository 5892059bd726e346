package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionOutcomeTest {

    @Test
    void aFunctionReturningVoidSaysDoneWithNothingDangling() {
        Action partman = new PartmanMaintenanceAction("partman", "public.events");
        assertThat(partman.outcome(Arrays.asList((String) null))).isEqualTo("Done.");
        assertThat(partman.outcome(List.of(""))).isEqualTo("Done.");
    }

    @Test
    void returnedValuesAreListedUpToFive() {
        Action partman = new PartmanMaintenanceAction("partman", "public.events");
        assertThat(partman.outcome(List.of("a", "b", "c", "d", "e", "f"))).isEqualTo("Done: a, b, c, d, e.");
    }
}
