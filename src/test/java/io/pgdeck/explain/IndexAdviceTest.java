package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Conditions as PostgreSQL 13 and 17 print them in plans (each taken from a plan of
 * PlantedInsightsTest or ExplainRunnerTest, or from EXPLAIN of the statement in the comment), read
 * into an index. PlantedInsightsTest creates the indexes on real tables and checks they help.
 */
class IndexAdviceTest {

    private static String ddl(String table, String condition, String alias) {
        return IndexAdvice.of(table, condition, alias).map(a -> a.ddl(true)).orElse(null);
    }

    @Test
    void equalityColumnsComeBeforeOneRangeColumn() {
        assertThat(ddl("sales", "((amount > 5000) AND (status = 's3'::text))", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON sales (status, amount)");
        // WHERE amount BETWEEN 10 AND 20 AND status IN ('a', 'b') AND created_at > '2024-01-01'
        assertThat(ddl("sales", "((amount >= 10) AND (amount <= 20) AND (status = ANY ('{a,b}'::text[]))"
                + " AND (created_at > '2024-01-01 00:00:00+00'::timestamp with time zone))", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON sales (status, amount)");
        // WHERE deleted_at IS NULL AND 100 < amount: the constant on the left is turned round
        assertThat(ddl("sales", "((deleted_at IS NULL) AND (100 < amount))", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON sales (deleted_at, amount)");
    }

    @Test
    void patternsGetTheIndexThatServesThem() {
        assertThat(ddl("people", "(email ~~ '%ser4242@%'::text)", null))
                .isEqualTo("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX CONCURRENTLY ON people"
                        + " USING gin (email gin_trgm_ops)");
        assertThat(ddl("people", "(email ~~* 'user42%'::text)", null)).contains("USING gin (email gin_trgm_ops)");
        assertThat(ddl("people", "(email ~~ 'user42%'::text)", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON people (email text_pattern_ops)");
        // a varchar column compared with text, and a function of it
        assertThat(ddl("people", "((code)::text = 'x'::text)", null)).isEqualTo("CREATE INDEX CONCURRENTLY ON people (code)");
        assertThat(ddl("people", "(lower(email) = 'user4242@example.org'::text)", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON people ((lower(email)))");
    }

    @Test
    void whatCannotBeIndexedThatWayIsLeftOut() {
        assertThat(ddl("t", "((a = 1) OR (b = 2))", null)).isNull();
        assertThat(ddl("t", "((a <> 1) AND (b = c))", null)).isNull();
        assertThat(ddl("t", "((kind = 'a OR b'::text) OR (x = 1))", null)).isNull();
        assertThat(ddl("t", "((kind = 'a AND (b)'::text) AND (a <> 1))", null)).isEqualTo("CREATE INDEX CONCURRENTLY ON t (kind)");
    }

    @Test
    void joinFilterColumnsOfTheOtherRelationAreValues() {
        assertThat(ddl("readings", "((r.v >= b.lo) AND (r.v <= b.hi))", "r"))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON readings (v)");
        assertThat(ddl("bands", "((r.v >= b.lo) AND (r.v <= b.hi))", "b"))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON bands (lo)");
    }

    @Test
    void namesAreQuotedWhereTheyNeedIt() {
        assertThat(ddl(SqlNames.qualified("insightdesk", "Order"), "(\"organizationId\" = 3)", null))
                .isEqualTo("CREATE INDEX CONCURRENTLY ON insightdesk.\"Order\" (\"organizationId\")");
        assertThat(SqlNames.qualified(null, "order")).isEqualTo("\"order\"");
        assertThat(SqlNames.qualified("public", "a\"b")).isEqualTo("public.\"a\"\"b\"");
    }
}
