package io.pgdeck.catalog;

import org.jooq.Name;
import org.jooq.impl.DSL;

/** A table or view by schema and name, as the catalog spells them (unquoted, case kept). */
public record Relation(String schema, String name) {

    public Name jooqName() {
        return DSL.name(schema, name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
