package io.pgdeck.demo;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import org.jooq.DSLContext;

/**
 * The application roles of the demo, one per schema, so that "connections by user" has more
 * than the superuser to show. They log in without a password: the embedded server trusts
 * local connections.
 */
public final class DemoRoles {

    public static final String STREAMVIBE = "streamvibe_app";
    public static final String INSIGHTDESK = "insightdesk_app";
    public static final String LEARNING = "learning_app";

    private static final List<List<String>> ROLE_AND_SCHEMA = List.of(
            List.of(STREAMVIBE, "streamvibe"), List.of(INSIGHTDESK, "insightdesk"), List.of(LEARNING, "learning"));

    private DemoRoles() {
    }

    /** Roles are shared by the whole server: create those that are missing. */
    static void createMissing(DSLContext server) {
        for (List<String> rs : ROLE_AND_SCHEMA) {
            boolean exists = server.fetchExists(table(name("pg_catalog", "pg_roles")),
                    field(name("rolname"), String.class).eq(rs.get(0)));
            if (!exists) {
                server.query("CREATE ROLE {0} LOGIN", name(rs.get(0))).execute();
            }
        }
    }

    /** Each role may read and write the tables of its own schema, nothing else. */
    static void grant(DSLContext demo) {
        for (List<String> rs : ROLE_AND_SCHEMA) {
            var role = name(rs.get(0));
            var schema = name(rs.get(1));
            demo.query("GRANT USAGE ON SCHEMA {0} TO {1}", schema, role).execute();
            demo.query("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {0} TO {1}", schema, role).execute();
            demo.query("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {0} TO {1}", schema, role).execute();
        }
    }
}
