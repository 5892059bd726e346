package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteDetectionTest {

    private static WriteDetection of(String sql) {
        return WriteDetection.of(SqlText.of(sql));
    }

    @Test
    void statementsThatWrite() {
        assertThat(of("DELETE FROM t WHERE id = 1").reasons()).containsExactly("DELETE");
        assertThat(of("update t set a = 1").reasons()).containsExactly("UPDATE");
        assertThat(of("INSERT INTO t (a, b) VALUES (1, 2)").reasons()).containsExactly("INSERT");
        assertThat(of("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").reasons())
                .contains("MERGE", "DELETE");
        assertThat(of("WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone").reasons())
                .containsExactly("DELETE");
        assertThat(of("SELECT refresh_totals(42)").reasons()).containsExactly("calls refresh_totals()");
        assertThat(of("SELECT nextval('s')").reasons()).containsExactly("calls nextval()");
        assertThat(of("SELECT * FROM jobs FOR UPDATE SKIP LOCKED").reasons()).containsExactly("locks rows (FOR UPDATE)");
        assertThat(of("CREATE TABLE x AS SELECT 1").reasons()).containsExactly("CREATE");
    }

    @Test
    void readsDoNotAsk() {
        assertThat(of("SELECT count(*), max(a), lower(b) FROM t WHERE c IN (1, 2) AND EXISTS (SELECT 1)").writes())
                .isFalse();
        assertThat(of("SELECT 'DELETE FROM t', \"update\" FROM t -- insert\n").writes()).isFalse();
        assertThat(of("SELECT a::numeric(10,2), row_number() OVER (PARTITION BY b) FROM t").writes()).isFalse();
        assertThat(of("SELECT t.update FROM t").writes()).isFalse();
        assertThat(of("WITH x AS (SELECT 1) SELECT * FROM x").writes()).isFalse();
    }
}
