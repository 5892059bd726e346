package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatviewOrderTest {

    private static Matview mv(String name, String... dependsOn) {
        return new Matview("s", name, true, 0, 0, null, List.of(dependsOn));
    }

    @Test
    void everyViewComesAfterWhatItReads() {
        List<Matview> all = List.of(mv("c", "s.b"), mv("a"), mv("b", "s.a"), mv("z"));
        assertThat(MatviewOrder.refreshOrder(all)).extracting(Matview::name).containsExactly("a", "b", "c", "z");
    }

    @Test
    void dependentsOfAChangedView() {
        List<Matview> all = List.of(mv("c", "s.b"), mv("a"), mv("b", "s.a"), mv("z"));
        assertThat(MatviewOrder.withDependents(all.get(2), all)).extracting(Matview::name).containsExactly("b", "c");
    }
}
