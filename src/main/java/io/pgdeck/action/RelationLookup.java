package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import io.pgdeck.catalog.Relation;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * Finds the relation a user typed on the command line as PostgreSQL itself reads the name
 * (search_path, double quotes, case folding), before an action is built on it: a mistyped name is
 * bad input said before anything runs, not a failed action in the audit log.
 */
public final class RelationLookup {

    /** What an action may be given, with the pg_class.relkind values that are one. */
    public enum Kind {
        INDEX("index", Set.of("i", "I")),
        TABLE("table", Set.of("r", "p", "m")),
        MATVIEW("materialized view", Set.of("m"));

        private final String word;
        private final Set<String> relkinds;

        Kind(String word, Set<String> relkinds) {
            this.word = word;
            this.relkinds = relkinds;
        }
    }

    private final DSLContext monitoring;

    public RelationLookup(DSLContext monitoring) {
        this.monitoring = monitoring;
    }

    /** @throws IllegalArgumentException in one sentence, when there is no such relation of that kind */
    public Relation find(String typed, Kind kind) {
        Record3<String, String, String> r = monitoring
                .select(field(name("n", "nspname"), String.class), field(name("c", "relname"), String.class),
                        field(name("c", "relkind"), String.class))
                .from(table(name("pg_catalog", "pg_class")).as("c"))
                .join(table(name("pg_catalog", "pg_namespace")).as("n"))
                .on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .where(field(name("c", "oid")).eq(field("pg_catalog.to_regclass({0})", Object.class, val(typed))))
                .fetchOne();
        if (r == null || !kind.relkinds.contains(r.value3())) {
            throw new IllegalArgumentException("There is no " + kind.word + " named " + typed + " in this database"
                    + (r == null ? "." : " (it names something else)."));
        }
        return new Relation(r.value1(), r.value2());
    }
}
