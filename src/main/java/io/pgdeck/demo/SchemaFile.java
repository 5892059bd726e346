package io.pgdeck.demo;

/** One numbered schema file of {@code jooq-codegen/sql/}: its file name and its DDL. */
public record SchemaFile(String name, String sql) {
}
