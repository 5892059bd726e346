package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the text alone must tell: the tables that SELECT INTO and CREATE ... AS create, which their
 * plans do not show. Everything else comes from the server's plan ({@link EffectProbeTest}).
 */
class WriteDetectionTest {

    private static WriteDetection of(String sql) {
        return WriteDetection.of(SqlText.of(sql));
    }

    @Test
    void statementsThatCreateATable() {
        assertThat(of("SELECT * INTO t2 FROM t").reasons()).containsExactly("creates a table (SELECT INTO)");
        assertThat(of("select a, b\ninto unlogged table t2 from t where a in (select a from u)").reasons())
                .containsExactly("creates a table (SELECT INTO)");
        assertThat(of("WITH x AS (SELECT 1) SELECT * INTO TEMP t2 FROM x").reasons())
                .containsExactly("creates a table (SELECT INTO)");
        assertThat(of("(SELECT 1 AS a INTO t2)").reasons()).containsExactly("creates a table (SELECT INTO)");
        assertThat(of("((SELECT 1 AS a INTO t2) UNION SELECT 2)").reasons()).containsExactly("creates a table (SELECT INTO)");
        assertThat(of("CREATE TABLE x AS SELECT 1").reasons()).containsExactly("creates a table (CREATE TABLE AS)");
        assertThat(of("create unlogged table x as select 1").reasons()).containsExactly("creates a table (CREATE TABLE AS)");
        assertThat(of("CREATE MATERIALIZED VIEW m AS SELECT 1").reasons()).containsExactly("creates a materialized view");
    }

    @Test
    void everythingElseIsTheServersToTell() {
        // writes that the plan shows are not guessed from words any more
        assertThat(of("DELETE FROM t WHERE id = 1").writes()).isFalse();
        assertThat(of("INSERT INTO t (a, b) VALUES (1, 2)").writes()).isFalse();
        assertThat(of("WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x").writes()).isFalse();
        assertThat(of("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").writes()).isFalse();
        // today's false positives
        assertThat(of("SELECT * FROM (VALUES (1, 2)) AS t(a, b)").writes()).isFalse();
        assertThat(of("SELECT to_tsvector('english', body) FROM docs").writes()).isFalse();
        // INTO inside a string, a comment or a quoted name creates nothing
        assertThat(of("SELECT (SELECT 1 FROM t) AS into_x, 'SELECT 1 INTO t' /* into */, \"into\" FROM t").writes())
                .isFalse();
        assertThat(of("SELECT $$ SELECT 1 INTO t $$").writes()).isFalse();
    }
}
