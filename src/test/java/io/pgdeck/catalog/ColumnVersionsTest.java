package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.db.pgcatalog.default_schema.DefaultSchema;
import io.pgdeck.db.pgcatalog.pg_catalog.PgCatalog;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Table;
import org.jooq.TableField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column version data agrees with the servers the tests run: every column it says a version
 * has is there, every other one is not. With readers selecting version-dependent columns only
 * through {@link ColumnVersions#orNull}, that is what keeps a reader's select valid on each version.
 */
class ColumnVersionsTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void dataAgreesWithTheServer(TestPostgres pg) throws SQLException {
        String database = pg.freshDatabase().database();
        int major;
        Set<String> present = new HashSet<>();
        try (Connection c = pg.connect(database); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                rs.next();
                major = rs.getInt(1);
            }
            // pg_catalog's relations, and pg_stat_statements' wherever the extension lives
            try (ResultSet rs = st.executeQuery("""
                    SELECT c.relname, a.attname
                      FROM pg_catalog.pg_attribute a
                      JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                     WHERE a.attnum > 0 AND NOT a.attisdropped
                       AND c.relnamespace IN (SELECT 'pg_catalog'::regnamespace
                                              UNION SELECT extnamespace FROM pg_catalog.pg_extension
                                                     WHERE extname = 'pg_stat_statements')
                    """)) {
                while (rs.next()) {
                    present.add(rs.getString(1) + "\t" + rs.getString(2));
                }
            }
        }

        List<String> wrong = new ArrayList<>();
        ColumnVersions.all().forEach((column, span) -> {
            if (span.contains(major) != present.contains(column)) {
                wrong.add(column.replace('\t', '.') + " " + span + (present.contains(column) ? " is there" : " is missing"));
            }
        });
        assertThat(wrong).as("columns.tsv against PostgreSQL %d; regenerate with jooq-codegen/regenerate.sh", major).isEmpty();
    }

    @Test
    void everyGeneratedColumnHasItsVersions() {
        List<TableField<?, ?>> fields = generatedTables()
                .flatMap(t -> Stream.of(t.fields()))
                .<TableField<?, ?>>map(f -> (TableField<?, ?>) f)
                .toList();
        assertThat(fields).hasSizeGreaterThan(500);
        // of() throws for a column the data does not know
        assertThat(fields).allSatisfy(f -> assertThat(ColumnVersions.of(f).first()).isBetween(13, 18));
    }

    @Test
    void anAliasedTableKeepsItsColumnsVersions() {
        var activity = io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatActivity.PG_STAT_ACTIVITY;
        assertThat(ColumnVersions.of(activity.as("a").QUERY_ID)).isEqualTo(new ColumnVersions.Span(14, null));
        assertThat(ColumnVersions.of(activity.QUERY_ID)).isEqualTo(new ColumnVersions.Span(14, null));
    }

    private static Stream<Table<?>> generatedTables() {
        return Stream.concat(PgCatalog.PG_CATALOG.getTables().stream(), DefaultSchema.DEFAULT_SCHEMA.getTables().stream());
    }
}
