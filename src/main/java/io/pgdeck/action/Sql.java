package io.pgdeck.action;

import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Renders an action's statement exactly as it will run: values inlined, identifiers quoted
 * by jOOQ. Needs no connection, so an action can describe itself before anything runs.
 */
public final class Sql {

    private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES,
            new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED));

    private Sql() {}

    public static String render(QueryPart part) {
        return RENDERER.renderInlined(part);
    }
}
