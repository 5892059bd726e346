package io.pgdeck.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void semicolonsSeparateStatementsOutsideStringsCommentsAndDollarQuotes() {
        assertThat(SqlText.of("SELECT 1; SELECT 2;").statements()).hasSize(2);
        assertThat(SqlText.of("SELECT 1;\n  -- done\n").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT 'a;b', \"x;y\" FROM t").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT 'it''s; fine'").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT E'\\'; still a string'").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT 1 -- a; b\n").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT /* a; /* nested; */ b; */ 1").statements()).hasSize(1);
        assertThat(SqlText.of("SELECT $$a;b$$, $fn$ x; $$ y; $fn$").statements()).hasSize(1);
        assertThat(SqlText.of("  ;; \n ; -- nothing\n").statements()).isEmpty();
    }

    @Test
    void statementKeepsItsOffsetAndLosesItsSemicolon() {
        SqlText text = SqlText.of("\n  -- the report\n  SELECT 1 ;  ");
        assertThat(text.statements()).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("SELECT 1");
            assertThat(s.offset()).isEqualTo(19);
        });
    }

    @Test
    void parametersOutsideStringsOnly() {
        assertThat(SqlText.of("SELECT * FROM t WHERE id = $1").hasParameters()).isTrue();
        assertThat(SqlText.of("SELECT '$1', $$ $2 $$").hasParameters()).isFalse();
        assertThat(SqlText.of("SELECT price FROM t -- in $1\n").hasParameters()).isFalse();
    }
}
