package io.pgdeck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaFilesTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void schemaFilesApplyOnOldestAndNewest(TestPostgres pg) throws Exception {
        assertThat(SchemaFiles.load()).extracting(SqlScript::name)
                .startsWith("01_streamvibe_jobs.sql").isSorted();

        String database = pg.freshDatabase().database();
        try (Connection c = pg.connect(database)) {
            SchemaFiles.apply(c);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = 'streamvibe'")) {
                rs.next();
                // the seed's 11 + 4 plus the two primary keys
                assertThat(rs.getInt(1)).isEqualTo(17);
            }
        }
    }
}
