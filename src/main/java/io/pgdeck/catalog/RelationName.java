package io.pgdeck.catalog;

/** A schema-qualified relation as PostgreSQL spells it (unquoted; quoting is jOOQ's job). */
public record RelationName(String schema, String name) implements Comparable<RelationName> {

    @Override
    public int compareTo(RelationName o) {
        int bySchema = schema.compareTo(o.schema);
        return bySchema != 0 ? bySchema : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
