package io.pgdeck.demo;

import java.sql.Connection;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** jOOQ contexts for the demo, quoting every identifier (PareL's columns are camelCase). */
final class DemoDsl {

    private DemoDsl() {
    }

    static DSLContext using(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, settings());
    }

    static DSLContext using(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES, settings());
    }

    private static Settings settings() {
        return new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withExecuteLogging(false);
    }
}
