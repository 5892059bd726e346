package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BloatEstimateTest {

    @Test
    void heapPagesFollowTheTupleLayout() {
        // 3 columns of 8 bytes: header 24 (23 aligned), data 24, line pointer 4 = 52 bytes; 8168 / 52 = 157 a page
        assertThat(BloatEstimate.heapPages(157_000, 3, 24, false, 8192, 100)).isEqualTo(1000);
        // a null bitmap still fits in the header's padding; fillfactor 50 halves the rows a page
        assertThat(BloatEstimate.heapPages(157_000, 3, 24, true, 8192, 100)).isEqualTo(1000);
        assertThat(BloatEstimate.heapPages(78_000, 3, 24, false, 8192, 50)).isEqualTo(1000);
        assertThat(BloatEstimate.heapPages(0, 3, 24, false, 8192, 100)).isZero();
    }

    @Test
    void btreePagesCountTheMetapageAndTheDefaultFillfactor() {
        // one bigint: 8 header + 8 data + 4 = 20 bytes; (8192 − 40) × 0.9 / 20 = 366 a page
        assertThat(BloatEstimate.btreePages(366_000, 8, false, 8192, 90)).isEqualTo(1001);
        assertThat(BloatEstimate.btreePages(0, 8, false, 8192, 90)).isEqualTo(1);
    }

    @Test
    void wasteIsNeverNegative() {
        assertThat(BloatEstimate.wastedBytes(10, 4, 8192)).isEqualTo(6 * 8192);
        assertThat(BloatEstimate.wastedBytes(4, 10, 8192)).isZero();
    }
}
