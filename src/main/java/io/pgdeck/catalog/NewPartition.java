package io.pgdeck.catalog;

/** A partition to create: its name, and its bounds as literals written like the set's existing ones. */
public record NewPartition(String schema, String name, String from, String to, TimeRange range) {

    public String qualifiedName() {
        return schema + "." + name;
    }
}
