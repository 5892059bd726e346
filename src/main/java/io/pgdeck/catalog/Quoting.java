package io.pgdeck.catalog;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** Identifiers as PostgreSQL reads them, quoted by jOOQ, for regclass literals. */
final class Quoting {

    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES,
            new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS));

    private Quoting() {}

    static String qualified(RelationName relation) {
        return RENDERER.render(DSL.name(relation.schema(), relation.name()));
    }
}
